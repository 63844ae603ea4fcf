namespace SolverEngine.Grpc.Internal;

/// <summary>Header names and values of the gRPC-over-HTTP/2 protocol (PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string ContentTypeProto = "application/grpc+proto";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string StatusDetailsHeader = "grpc-status-details-bin";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string TeHeader = "te";
    public const string Identity = "identity";
    public const string Gzip = "gzip";
    public const string SupportedEncodings = "identity,gzip";
    public const int HeaderSize = 5;

    // grpc-status values as text, made once (a status is sent on every call).
    private static readonly string[] StatusCodeTexts =
        Enumerable.Range(0, 17).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The grpc-status header value of a code.</summary>
    public static string StatusCodeText(StatusCode code) =>
        (uint)code < (uint)StatusCodeTexts.Length
            ? StatusCodeTexts[(int)code]
            : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True for application/grpc and application/grpc+proto (with optional parameters); not for +json etc.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return false;
        var semicolon = contentType.IndexOf(';');
        var media = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
        return media.Equals(ContentType, StringComparison.OrdinalIgnoreCase)
            || media.Equals(ContentTypeProto, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether a comma-separated grpc-accept-encoding list names this algorithm.</summary>
    public static bool AcceptsEncoding(string? acceptEncoding, string algorithm)
    {
        if (string.IsNullOrEmpty(acceptEncoding)) return false;
        foreach (var part in acceptEncoding.Split(','))
        {
            if (part.Trim().Equals(algorithm, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    public static bool IsSupportedEncoding(string encoding) =>
        encoding.Equals(Gzip, StringComparison.OrdinalIgnoreCase) || encoding.Equals(Identity, StringComparison.OrdinalIgnoreCase);

    /// <summary>Headers that are part of the protocol, never exposed as custom metadata.</summary>
    public static bool IsReservedHeader(string name) =>
        name.StartsWith(':')
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.Equals("te", StringComparison.OrdinalIgnoreCase)
        || name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || name.Equals(TimeoutHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(EncodingHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(AcceptEncodingHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(StatusHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(MessageHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(StatusDetailsHeader, StringComparison.OrdinalIgnoreCase);
}
