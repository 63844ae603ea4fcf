using System.Text;

namespace SolverEngine.Grpc.Internal;

/// <summary>Turns metadata into HTTP/2 header values and back ("-bin" values as base64, padded or not).</summary>
public static class MetadataCodec
{
    /// <summary>Base64 without padding, as the protocol asks senders to emit.</summary>
    public static string EncodeBinary(byte[] value) => Convert.ToBase64String(value).TrimEnd('=');

    /// <summary>Decodes base64 with or without padding; throws FormatException when it is not base64.</summary>
    public static byte[] DecodeBinary(string value)
    {
        var trimmed = value.Trim();
        var pad = (4 - trimmed.Length % 4) % 4;
        if (pad == 3) throw new FormatException($"'{value}' is not valid base64 (length {value.Length}).");
        return Convert.FromBase64String(pad == 0 ? trimmed : trimmed + new string('=', pad));
    }

    /// <summary>The header value of an entry.</summary>
    public static string ToHeaderValue(Metadata.Entry entry) => entry.IsBinary ? EncodeBinary(entry.ValueBytes) : entry.Value;

    /// <summary>Adds one received header (possibly a comma-joined list for "-bin") to metadata.</summary>
    public static void AddReceived(Metadata metadata, string key, string value)
    {
        var lower = key.ToLowerInvariant();
        if (Metadata.Entry.IsBinaryKey(lower))
        {
            // Several values of a -bin key may arrive joined by commas.
            foreach (var part in value.Split(','))
            {
                metadata.Add(lower, DecodeBinary(part));
            }
        }
        else
        {
            metadata.Add(new Metadata.Entry(lower, SanitizeAscii(value)));
        }
    }

    private static string SanitizeAscii(string value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E) goto replace;
        }
        return value;
    replace:
        var sb = new StringBuilder(value.Length);
        foreach (var c in value) sb.Append(c < 0x20 || c > 0x7E ? '?' : c);
        return sb.ToString();
    }
}
