using System.IO.Compression;

namespace SolverEngine.Grpc;

/// <summary>Server-wide settings, configured with <c>services.AddGrpcServer(o => ...)</c>.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>Largest request message accepted (after decompression); larger gets RESOURCE_EXHAUSTED. Null: no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent; larger fails the call with RESOURCE_EXHAUSTED. Null: no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Put exception type and message of unexpected errors into grpc-message (development only).</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>
    /// Compress responses with this algorithm ("gzip") when the client lists it in
    /// grpc-accept-encoding. Null: respond uncompressed unless a handler asks.
    /// </summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    public CompressionLevel ResponseCompressionLevel { get; set; } = CompressionLevel.Fastest;
}
