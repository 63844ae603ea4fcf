namespace SolverEngine.Planning.Coordination.Internal;

/// <summary>
/// An array of indices (products, or positions in a line's products) compared element by element,
/// for cache keys (callers sort it where the order must not matter): the hash is computed once. It
/// does not copy the array: the array must not change while the key is in use.
/// </summary>
internal readonly struct IndexSet(int[] items) : IEquatable<IndexSet>
{
    private readonly int _hash = Hash(items);

    public int[] Items { get; } = items;

    private static int Hash(int[] items)
    {
        var h = new HashCode();
        foreach (var i in items) h.Add(i);
        return h.ToHashCode();
    }

    public bool Equals(IndexSet other) => _hash == other._hash && Items.AsSpan().SequenceEqual(other.Items);

    public override bool Equals(object? obj) => obj is IndexSet other && Equals(other);

    public override int GetHashCode() => _hash;
}
