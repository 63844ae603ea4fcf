using System.Runtime.CompilerServices;
using SolverEngine.Contracts.Grpc;
using SolverEngine.Contracts.V1;
using SolverEngine.Grpc;
using SolverEngine.Grpc.Client;
using SolverEngine.Grpc.Health;
using SolverEngine.Grpc.Health.V1;

namespace SolverEngine.Client;

/// <summary>
/// Client of a SolverEngine server (solverengine.v1.PlanningService). Thread-safe; share one per
/// server. A failed call throws <see cref="RpcException"/> with the server's status (for an
/// invalid model, <see cref="GetFieldViolations"/> lists every problem with its path).
/// Every call takes a timeout (its gRPC deadline) and a CancellationToken; ending a Solve
/// stream early (break, cancel, deadline) stops the solve on the server.
/// </summary>
/// <example><code>
/// using var client = new PlanningClient("http://127.0.0.1:50051");
/// var report = await client.ValidateModelAsync(model);
/// await foreach (var update in client.SolveAsync(new SolveRequest { Model = model }, timeout: TimeSpan.FromMinutes(5)))
///     if (update.Result is { } result) Console.WriteLine(result.Status);
/// </code></example>
public sealed class PlanningClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly bool _ownsChannel;
    private readonly TimeSpan? _defaultTimeout;

    /// <summary>A client with its own channel to "http://host:port" (h2c) or "https://host:port" (TLS).</summary>
    public PlanningClient(string address, PlanningClientOptions? options = null)
        : this(new Uri(address ?? throw new ArgumentNullException(nameof(address)), UriKind.Absolute), options)
    {
    }

    /// <inheritdoc cref="PlanningClient(string, PlanningClientOptions?)"/>
    public PlanningClient(Uri address, PlanningClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= new PlanningClientOptions();
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
            MaxSendMessageSize = options.MaxSendMessageSize,
            HttpHandler = options.HttpHandler,
            DisposeHttpHandler = false,
        });
        _ownsChannel = true;
        _defaultTimeout = options.DefaultTimeout;
    }

    /// <summary>A client on a channel the caller owns (and disposes).</summary>
    public PlanningClient(GrpcChannel channel, TimeSpan? defaultTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
        _defaultTimeout = defaultTimeout;
    }

    public Uri Address => _channel.Address;

    /// <summary>Every problem of the model, each with its field path. A bad model is a report, not an error.</summary>
    public Task<ValidationReport> ValidateModelAsync(PlanningModel model, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(PlanningServiceDescriptors.ValidateModel, model ?? throw new ArgumentNullException(nameof(model)), timeout, cancellationToken);

    /// <summary>
    /// Solves and streams progress, improving incumbents and, last, the result. The solve runs
    /// as long as the enumeration: stop enumerating (or cancel, or let <paramref name="timeout"/>
    /// pass) and the server stops it. Invalid model: <see cref="RpcException"/> INVALID_ARGUMENT.
    /// </summary>
    public IAsyncEnumerable<SolveUpdate> SolveAsync(SolveRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamAsync(PlanningServiceDescriptors.Solve, request, timeout, cancellationToken);
    }

    /// <summary>Queues a solve that outlives this call; returns at once with the job (RESOURCE_EXHAUSTED when the server's queue is full).</summary>
    public Task<Job> SubmitJobAsync(SolveRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(PlanningServiceDescriptors.SubmitJob, request ?? throw new ArgumentNullException(nameof(request)), timeout, cancellationToken);

    /// <summary>The job with its latest progress, and its result once it has ended (NOT_FOUND for an unknown id).</summary>
    public Task<Job> GetJobAsync(string jobId, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(PlanningServiceDescriptors.GetJob, new GetJobRequest { JobId = RequireId(jobId) }, timeout, cancellationToken);

    /// <summary>The job's latest incumbent, then live updates, then the result; a finished job streams its result only.</summary>
    public IAsyncEnumerable<SolveUpdate> WatchJobAsync(string jobId, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        StreamAsync(PlanningServiceDescriptors.WatchJob, new WatchJobRequest { JobId = RequireId(jobId) }, timeout, cancellationToken);

    /// <summary>Stops the job, keeping its best plan (status CANCELLED). Idempotent; a finished job is returned as it is.</summary>
    public Task<Job> CancelJobAsync(string jobId, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(PlanningServiceDescriptors.CancelJob, new CancelJobRequest { JobId = RequireId(jobId) }, timeout, cancellationToken);

    /// <summary>Jobs newest first, without results; pass <c>NextPageToken</c> back for the next page (empty at the end).</summary>
    public Task<ListJobsResponse> ListJobsAsync(int pageSize = 0, string? pageToken = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(PlanningServiceDescriptors.ListJobs, new ListJobsRequest { PageSize = pageSize, PageToken = pageToken ?? "" }, timeout, cancellationToken);

    /// <summary>A finished job's plan at a resolution, optionally for one site or line.</summary>
    public Task<PlanView> GetPlanViewAsync(string jobId, Granularity granularity, string? siteId = null, string? lineId = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(PlanningServiceDescriptors.GetPlanView,
            new PlanViewRequest { JobId = RequireId(jobId), Granularity = granularity, SiteId = siteId ?? "", LineId = lineId ?? "" },
            timeout, cancellationToken);

    /// <summary>grpc.health.v1 Check: the serving status of the server ("") or of one service.</summary>
    public async Task<HealthCheckResponse.Types.ServingStatus> CheckHealthAsync(string service = "", TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var response = await UnaryAsync(HealthMethods.Check, new HealthCheckRequest { Service = service }, timeout, cancellationToken).ConfigureAwait(false);
        return response.Status;
    }

    /// <summary>The field violations (path, description) of an INVALID_ARGUMENT error; empty when it carries none.</summary>
    public static IReadOnlyList<FieldViolation> GetFieldViolations(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return RpcStatusDetails.FromTrailers(exception.Trailers)?.FieldViolations ?? [];
    }

    public void Dispose()
    {
        if (_ownsChannel) _channel.Dispose();
    }

    private async Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request,
        TimeSpan? timeout, CancellationToken cancellationToken)
        where TRequest : class, Google.Protobuf.IMessage<TRequest> where TResponse : class, Google.Protobuf.IMessage<TResponse>
    {
        using var call = _channel.UnaryCall(method, request, Options(timeout ?? _defaultTimeout, cancellationToken));
        return await call.ResponseAsync.ConfigureAwait(false);
    }

    private async IAsyncEnumerable<TResponse> StreamAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request,
        TimeSpan? timeout, CancellationToken callToken, [EnumeratorCancellation] CancellationToken enumeratorToken = default)
        where TRequest : class, Google.Protobuf.IMessage<TRequest> where TResponse : class, Google.Protobuf.IMessage<TResponse>
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, enumeratorToken);
        // Disposing the call (enumeration ended early) resets the stream: the server cancels the solve.
        using var call = _channel.ServerStreamingCall(method, request, Options(timeout, linked.Token));
        while (await call.ResponseStream.MoveNext(linked.Token).ConfigureAwait(false))
            yield return call.ResponseStream.Current;
    }

    private static CallOptions Options(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var options = new CallOptions(CancellationToken: cancellationToken);
        return timeout is { } t ? options.WithTimeout(t) : options;
    }

    private static string RequireId(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return jobId;
    }
}
