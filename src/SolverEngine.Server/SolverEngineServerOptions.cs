using System.Globalization;
using System.Net;

namespace SolverEngine.Server;

/// <summary>
/// Settings of the server. Read from the "SolverEngine" section of appsettings.json, then from
/// environment variables with the <see cref="EnvironmentPrefix"/> (SOLVERENGINE_PORT=0,
/// SOLVERENGINE_MAXCONCURRENTSOLVES=4; "__" separates nested keys), then from flags set by the caller.
/// </summary>
public sealed class SolverEngineServerOptions
{
    public const string SectionName = "SolverEngine";
    public const string EnvironmentPrefix = "SOLVERENGINE_";

    /// <summary>Address to listen on: an IP address, "localhost", or "*" / "0.0.0.0" for all interfaces.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (see <see cref="SolverEngineServer.Addresses"/>).</summary>
    public int Port { get; set; } = 50051;

    /// <summary>PKCS#12 certificate: serve TLS (ALPN h2). Null: plaintext HTTP/2 (h2c).</summary>
    public string? TlsCertificatePath { get; set; }

    public string? TlsCertificatePassword { get; set; }

    /// <summary>Solves running at once (Solve calls and jobs together); more wait in the queue.</summary>
    public int MaxConcurrentSolves { get; set; } = Math.Max(1, Environment.ProcessorCount / 4);

    /// <summary>Solves waiting for a slot; one more is refused with RESOURCE_EXHAUSTED.</summary>
    public int MaxQueuedJobs { get; set; } = 32;

    /// <summary>Finished jobs kept in memory for GetJob / ListJobs; the oldest are forgotten first.</summary>
    public int MaxRetainedJobs { get; set; } = 1000;

    /// <summary>Largest request message (bytes); larger gets RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>Largest response message (bytes). Null: no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Put exception type and message of unexpected errors into the status (development only).</summary>
    public bool DetailedErrors { get; set; }

    /// <summary>On shutdown, how long running solves and streams may go on before they are cancelled.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long CancelJob waits for a running solve to stop and hand back its best plan.</summary>
    public TimeSpan CancelWaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Buffered updates per WatchJob / Solve stream; when a reader falls behind, the oldest progress is dropped.</summary>
    public int WatchBufferSize { get; set; } = 64;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
            throw new ArgumentException("Host is empty; give an IP address, 'localhost' or '*'.", nameof(Host));
        if (Port is < 0 or > 65535)
            throw new ArgumentException($"Port is {Port}; a port must be in 0..65535 (0 picks a free port).", nameof(Port));
        Positive(MaxConcurrentSolves, nameof(MaxConcurrentSolves));
        if (MaxQueuedJobs < 0)
            throw new ArgumentException($"MaxQueuedJobs is {MaxQueuedJobs}; it must be >= 0 (0: no waiting, only running solves).", nameof(MaxQueuedJobs));
        Positive(MaxRetainedJobs, nameof(MaxRetainedJobs));
        Positive(MaxReceiveMessageSize, nameof(MaxReceiveMessageSize));
        if (MaxSendMessageSize is <= 0)
            throw new ArgumentException($"MaxSendMessageSize is {MaxSendMessageSize}; it must be > 0 or absent (no limit).", nameof(MaxSendMessageSize));
        Positive(WatchBufferSize, nameof(WatchBufferSize));
        if (ShutdownGracePeriod < TimeSpan.Zero)
            throw new ArgumentException($"ShutdownGracePeriod is {ShutdownGracePeriod}; it must be >= 0.", nameof(ShutdownGracePeriod));
        if (CancelWaitTimeout < TimeSpan.Zero)
            throw new ArgumentException($"CancelWaitTimeout is {CancelWaitTimeout}; it must be >= 0.", nameof(CancelWaitTimeout));
        if (TlsCertificatePath is not null && !File.Exists(TlsCertificatePath))
            throw new ArgumentException($"TLS certificate '{TlsCertificatePath}' does not exist; give the path of a PKCS#12 (.pfx) file.", nameof(TlsCertificatePath));
        _ = ResolveEndPoint();
    }

    /// <summary>The IP end point for <see cref="Host"/> and <see cref="Port"/>.</summary>
    public IPEndPoint ResolveEndPoint()
    {
        var host = Host.Trim();
        IPAddress address;
        if (host is "*" or "+")
            address = IPAddress.Any;
        else if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            address = IPAddress.Loopback;
        else if (!IPAddress.TryParse(host.Trim('[', ']'), out address!))
            throw new ArgumentException($"Host '{Host}' is not an IP address; give e.g. 127.0.0.1, ::1, 0.0.0.0, 'localhost' or '*'.", nameof(Host));
        return new IPEndPoint(address, Port);
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
            throw new ArgumentException($"{name} is {value.ToString(CultureInfo.InvariantCulture)}; it must be > 0.", name);
    }
}
