namespace SolverEngine.Solvers.Internal;

/// <summary>
/// Detects two threads using one native model at the same time (Clp/Cbc models are not thread-safe). Cheaper and
/// friendlier to async code than pinning an owner thread: a session may move between threads, one at a time.
/// </summary>
internal sealed class ReentrancyGuard(string what)
{
    private int _ownerThread;

    public Scope Enter()
    {
        var me = Environment.CurrentManagedThreadId;
        var previous = Interlocked.CompareExchange(ref _ownerThread, me, 0);
        if (previous != 0)
        {
            throw new InvalidOperationException(
                $"{what} is already in use by thread {previous} while thread {me} calls it. Native solver models are " +
                "not thread-safe: give each thread its own session (or serialise the calls).");
        }

        return new Scope(this);
    }

    public readonly struct Scope(ReentrancyGuard guard) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref guard._ownerThread, 0);
    }
}
