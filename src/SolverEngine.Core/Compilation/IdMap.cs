using System.Collections.Frozen;
using System.Collections.Immutable;

namespace SolverEngine.Core.Compilation;

/// <summary>Dense indices 0..Count-1 for the ids of one collection, in model order, both ways.</summary>
public sealed class IdMap
{
    private readonly FrozenDictionary<string, int> _index;

    public IdMap(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        Ids = [.. ids];
        var d = new Dictionary<string, int>(Ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < Ids.Length; i++)
        {
            if (!d.TryAdd(Ids[i], i))
                throw new ArgumentException($"Id '{Ids[i]}' appears twice.", nameof(ids));
        }
        _index = d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public ImmutableArray<string> Ids { get; }

    public int Count => Ids.Length;

    public string this[int index] => Ids[index];

    /// <summary>The index of an id, or -1 when unknown.</summary>
    public int IndexOf(string id) => _index.TryGetValue(id, out var i) ? i : -1;

    public bool TryGetIndex(string id, out int index) => _index.TryGetValue(id, out index);

    /// <summary>The index of an id that must exist.</summary>
    /// <exception cref="KeyNotFoundException">The id is unknown.</exception>
    public int Get(string id) => _index.TryGetValue(id, out var i) ? i : throw new KeyNotFoundException($"Unknown id '{id}'.");
}
