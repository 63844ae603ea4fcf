namespace SolverEngine.Solvers.Internal;

/// <summary>An append-only array with amortised growth whose storage can be handed to native code as a span.</summary>
internal struct GrowableArray<T>
{
    private T[] _items;
    private int _count;

    public GrowableArray(int capacity) => _items = capacity == 0 ? [] : new T[capacity];

    public readonly int Count => _count;

    public readonly Span<T> Span => _items.AsSpan(0, _count);

    public readonly ref T this[int index] => ref _items[index];

    public void Add(T item)
    {
        if (_count == _items.Length)
        {
            Grow(_count + 1);
        }

        _items[_count++] = item;
    }

    public void AddRange(ReadOnlySpan<T> items)
    {
        if (_count + items.Length > _items.Length)
        {
            Grow(_count + items.Length);
        }

        items.CopyTo(_items.AsSpan(_count));
        _count += items.Length;
    }

    public void AddRepeated(T item, int times)
    {
        if (_count + times > _items.Length)
        {
            Grow(_count + times);
        }

        _items.AsSpan(_count, times).Fill(item);
        _count += times;
    }

    public readonly T[] ToArray() => _items.AsSpan(0, _count).ToArray();

    private void Grow(int needed)
    {
        var capacity = Math.Max(Math.Max(needed, 16), _items.Length * 2L > Array.MaxLength ? Array.MaxLength : _items.Length * 2);
        Array.Resize(ref _items, capacity);
    }
}
