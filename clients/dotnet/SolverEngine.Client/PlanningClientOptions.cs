namespace SolverEngine.Client;

/// <summary>Settings of a <see cref="PlanningClient"/> that it creates its channel with.</summary>
public sealed class PlanningClientOptions
{
    /// <summary>Deadline of unary calls (ValidateModel, jobs) that get no timeout of their own. Null: none.</summary>
    public TimeSpan? DefaultTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest response accepted (plans can be large). Null: no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 256 * 1024 * 1024;

    /// <summary>Largest request sent. Null: no limit (the server has its own).</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>A handler to send requests through (tests, proxies). Null: a SocketsHttpHandler.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }
}
