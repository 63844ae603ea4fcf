using Google.Protobuf;

namespace SolverEngine.Grpc;

/// <summary>
/// The google.rpc.Status carried in the grpc-status-details-bin trailer, with the
/// google.rpc.BadRequest field violations it may hold. Encoded by hand (wire-compatible with
/// google/rpc/status.proto and error_details.proto) so the library needs no extra proto package.
/// </summary>
public sealed record RpcStatusDetails(int Code, string Message, IReadOnlyList<FieldViolation> FieldViolations)
{
    public const string TrailerKey = "grpc-status-details-bin";
    public const string BadRequestTypeUrl = "type.googleapis.com/google.rpc.BadRequest";

    public byte[] ToByteArray()
    {
        // BadRequest { repeated FieldViolation field_violations = 1; } FieldViolation { string field = 1; string description = 2; }
        var badRequest = new MemoryStream();
        var br = new CodedOutputStream(badRequest);
        foreach (var v in FieldViolations)
        {
            var fv = new MemoryStream();
            var fvOut = new CodedOutputStream(fv);
            fvOut.WriteTag(1, WireFormat.WireType.LengthDelimited); fvOut.WriteString(v.Field);
            fvOut.WriteTag(2, WireFormat.WireType.LengthDelimited); fvOut.WriteString(v.Description);
            fvOut.Flush();
            br.WriteTag(1, WireFormat.WireType.LengthDelimited); br.WriteBytes(ByteString.CopyFrom(fv.ToArray()));
        }
        br.Flush();

        // Status { int32 code = 1; string message = 2; repeated Any details = 3; } Any { string type_url = 1; bytes value = 2; }
        var status = new MemoryStream();
        var st = new CodedOutputStream(status);
        if (Code != 0) { st.WriteTag(1, WireFormat.WireType.Varint); st.WriteInt32(Code); }
        if (Message.Length > 0) { st.WriteTag(2, WireFormat.WireType.LengthDelimited); st.WriteString(Message); }
        if (FieldViolations.Count > 0)
        {
            var any = new MemoryStream();
            var anyOut = new CodedOutputStream(any);
            anyOut.WriteTag(1, WireFormat.WireType.LengthDelimited); anyOut.WriteString(BadRequestTypeUrl);
            anyOut.WriteTag(2, WireFormat.WireType.LengthDelimited); anyOut.WriteBytes(ByteString.CopyFrom(badRequest.ToArray()));
            anyOut.Flush();
            st.WriteTag(3, WireFormat.WireType.LengthDelimited); st.WriteBytes(ByteString.CopyFrom(any.ToArray()));
        }
        st.Flush();
        return status.ToArray();
    }

    /// <summary>Decodes a google.rpc.Status; unknown fields and other detail types are skipped.</summary>
    public static RpcStatusDetails Parse(ReadOnlySpan<byte> data)
    {
        var code = 0;
        var message = "";
        var violations = new List<FieldViolation>();
        var input = new CodedInputStream(data.ToArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: code = input.ReadInt32(); break;
                case 2: message = input.ReadString(); break;
                case 3: ReadAny(input.ReadBytes(), violations); break;
                default: input.SkipLastField(); break;
            }
        }
        return new RpcStatusDetails(code, message, violations);
    }

    /// <summary>Finds and decodes the details trailer of a failed call; null when there is none.</summary>
    public static RpcStatusDetails? FromTrailers(Metadata trailers)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        var bytes = trailers.GetValueBytes(TrailerKey);
        return bytes is null ? null : Parse(bytes);
    }

    private static void ReadAny(ByteString any, List<FieldViolation> violations)
    {
        var input = any.CreateCodedInput();
        var typeUrl = "";
        ByteString value = ByteString.Empty;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: typeUrl = input.ReadString(); break;
                case 2: value = input.ReadBytes(); break;
                default: input.SkipLastField(); break;
            }
        }
        if (typeUrl != BadRequestTypeUrl) return;
        var br = value.CreateCodedInput();
        while ((tag = br.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != 1) { br.SkipLastField(); continue; }
            var fv = br.ReadBytes().CreateCodedInput();
            string field = "", description = "";
            uint t;
            while ((t = fv.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(t))
                {
                    case 1: field = fv.ReadString(); break;
                    case 2: description = fv.ReadString(); break;
                    default: fv.SkipLastField(); break;
                }
            }
            violations.Add(new FieldViolation(field, description));
        }
    }
}
