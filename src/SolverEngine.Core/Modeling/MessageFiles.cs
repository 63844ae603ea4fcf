using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Protobuf;

namespace SolverEngine.Core.Modeling;

/// <summary>
/// Reads and writes any protobuf message as a file: canonical proto3 JSON (<c>*.json</c>) or the
/// binary wire format (<c>*.pb</c>, <c>*.bin</c>). Model files (<c>PlanningModel</c>) and result
/// files (<c>SolveResult</c>) both go through here, so there is one format on the wire and on disk.
/// </summary>
/// <remarks>
/// JSON is parsed strictly: unknown fields are an error (a misspelt field name would otherwise be
/// silently dropped). Both lowerCamelCase and original proto field names are accepted. JSON is
/// written with lowerCamelCase names, indented, without default values (canonical proto3 JSON).
/// </remarks>
public static partial class MessageFiles
{
    private static readonly JsonParser StrictParser =
        new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    private static readonly JsonFormatter IndentedFormatter =
        new(JsonFormatter.Settings.Default.WithIndentation("  "));

    /// <summary>The format a path implies by its extension.</summary>
    /// <exception cref="ArgumentException">The extension is not .json, .pb or .bin.</exception>
    public static MessageFileFormat FormatOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".json" => MessageFileFormat.Json,
            ".pb" or ".bin" or ".binpb" => MessageFileFormat.Binary,
            _ => throw new ArgumentException(
                $"Cannot tell the format of '{path}' from its extension '{ext}'; use .json for proto3 JSON or .pb/.bin for binary.",
                nameof(path)),
        };
    }

    /// <summary>Loads a message from a file, in the format its extension implies.</summary>
    /// <exception cref="ModelFileException">The content is not a valid message of type <typeparamref name="T"/>.</exception>
    public static T Load<T>(string path) where T : IMessage<T>, new()
    {
        var format = FormatOf(path);
        return format == MessageFileFormat.Json
            ? ParseJson<T>(File.ReadAllText(path, Encoding.UTF8), path)
            : ParseBinary<T>(File.ReadAllBytes(path), path);
    }

    /// <inheritdoc cref="Load{T}(string)"/>
    public static async Task<T> LoadAsync<T>(string path, CancellationToken cancellationToken = default) where T : IMessage<T>, new()
    {
        var format = FormatOf(path);
        if (format == MessageFileFormat.Json)
        {
            var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            return ParseJson<T>(text, path);
        }
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return ParseBinary<T>(bytes, path);
    }

    /// <summary>Saves a message to a file, in the format its extension implies.</summary>
    public static void Save(IMessage message, string path)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (FormatOf(path) == MessageFileFormat.Json)
            File.WriteAllText(path, ToJson(message) + "\n", new UTF8Encoding(false));
        else
            File.WriteAllBytes(path, message.ToByteArray());
    }

    /// <inheritdoc cref="Save(IMessage, string)"/>
    public static async Task SaveAsync(IMessage message, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (FormatOf(path) == MessageFileFormat.Json)
            await File.WriteAllTextAsync(path, ToJson(message) + "\n", new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        else
            await File.WriteAllBytesAsync(path, message.ToByteArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The canonical proto3 JSON of a message, indented.</summary>
    public static string ToJson(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return IndentedFormatter.Format(message);
    }

    /// <summary>Parses proto3 JSON text. <paramref name="source"/> names the text in error messages.</summary>
    /// <exception cref="ModelFileException">The text is not valid JSON or not a valid <typeparamref name="T"/>.</exception>
    public static T ParseJson<T>(string json, string source = "<text>") where T : IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(json);
        // The protobuf parser reports no positions; System.Text.Json does, so syntax errors are
        // found by it first.
        CheckJsonSyntax(json, source);
        try
        {
            return StrictParser.Parse<T>(json);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException or ArgumentException)
        {
            var (line, column) = LocateProblem(json, e.Message);
            var where = line is null ? "" : $" (line {line}, column {column})";
            throw new ModelFileException(
                $"'{source}' is not a valid {typeof(T).Name} in proto3 JSON{where}: {e.Message} " +
                "Field names are lowerCamelCase or the .proto names; timestamps look like \"2026-01-05T00:00:00Z\", durations like \"3600s\".",
                source, line, column, e);
        }
    }

    /// <summary>Parses the binary wire format. <paramref name="source"/> names the data in error messages.</summary>
    /// <exception cref="ModelFileException">The bytes are not a valid <typeparamref name="T"/>.</exception>
    public static T ParseBinary<T>(byte[] data, string source = "<bytes>") where T : IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            var message = new T();
            message.MergeFrom(data);
            return message;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelFileException(
                $"'{source}' is not a valid binary {typeof(T).Name}: {e.Message} If the file is JSON, give it a .json extension.",
                source, null, null, e);
        }
    }

    private static void CheckJsonSyntax(string json, string source)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            int? line = e.LineNumber is { } l ? (int)l + 1 : null;
            int? column = e.BytePositionInLine is { } c ? (int)c + 1 : null;
            throw new ModelFileException(
                $"'{source}' is not valid JSON (line {line}, column {column}): {e.Message}",
                source, line, column, e);
        }
    }

    // Protobuf's messages name the offending field or value after a colon ("Unknown field: fooBar",
    // "Invalid enum value: DAYS for enum type ..."); the first such word that appears as a JSON
    // string in the text gives the reader a position.
    private static (int? Line, int? Column) LocateProblem(string json, string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return (null, null);
        foreach (Match match in WordPattern().Matches(message, colon + 1))
        {
            var at = json.IndexOf("\"" + match.Value + "\"", StringComparison.Ordinal);
            if (at < 0)
                continue;
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < at; i++)
            {
                if (json[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }
            return (line, at - lineStart + 1);
        }
        return (null, null);
    }

    [GeneratedRegex(@"[A-Za-z0-9_][A-Za-z0-9_.\-]*")]
    private static partial Regex WordPattern();
}
