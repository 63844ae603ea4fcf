using System.Threading.Channels;
using SolverEngine.Grpc.Health.V1;
using ServingStatus = SolverEngine.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace SolverEngine.Grpc.Health;

/// <summary>
/// The serving status the host reports per service name ("" = the whole server), read by
/// grpc.health.v1.Health. A singleton registered by AddGrpcServer; set it from the host.
/// </summary>
public sealed class HealthServiceStatus
{
    private readonly object _lock = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [""] = ServingStatus.Serving };
    private readonly List<(string Service, Channel<ServingStatus> Channel)> _watchers = new();

    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            _statuses[service] = status;
            Notify(service, status);
        }
    }

    /// <summary>Forgets a service: Check answers NOT_FOUND, Watch SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            if (_statuses.Remove(service)) Notify(service, ServingStatus.ServiceUnknown);
        }
    }

    /// <summary>Marks every known service NOT_SERVING (e.g. on shutdown).</summary>
    public void EnterNotServing()
    {
        lock (_lock)
        {
            foreach (var service in _statuses.Keys.ToArray()) SetStatus(service, ServingStatus.NotServing);
        }
    }

    public ServingStatus? GetStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock) return _statuses.TryGetValue(service, out var s) ? s : null;
    }

    internal async IAsyncEnumerable<ServingStatus> WatchAsync(string service, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Only the latest status matters to a watcher, so a slow one skips intermediate values.
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        var entry = (service, channel);
        lock (_lock)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(service, out var s) ? s : ServingStatus.ServiceUnknown);
            _watchers.Add(entry);
        }
        try
        {
            ServingStatus? last = null;
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var status))
                {
                    if (status == last) continue;
                    last = status;
                    yield return status;
                }
            }
        }
        finally
        {
            lock (_lock) _watchers.Remove(entry);
        }
    }

    private void Notify(string service, ServingStatus status)
    {
        foreach (var (s, channel) in _watchers)
        {
            if (s == service) channel.Writer.TryWrite(status);
        }
    }
}
