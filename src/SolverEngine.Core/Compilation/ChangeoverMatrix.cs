using System.Collections.Immutable;

namespace SolverEngine.Core.Compilation;

/// <summary>
/// Changeover hours, cost and forbidden transitions of one line, over the line's own products
/// (those with a recipe on the line, plus its initial product) in line-local indices 0..Size-1.
/// Line-local indices keep this small: a line makes a few dozen of the model's products, and a
/// products x products matrix per line would not fit XL models.
/// <para>
/// Row <see cref="Clean"/> (-1) is the changeover from a clean state: the first run of the horizon
/// on a clean line costs nothing; on a line with <c>setup_per_bucket</c> the first run of every
/// bucket takes the rules whose "from" side is empty (any).
/// </para>
/// Entries follow model.proto's precedence: a line-specific rule beats an all-lines rule, then a
/// from product beats a from family beats any, then the "to" side likewise. a -> a is free.
/// </summary>
public sealed class ChangeoverMatrix
{
    /// <summary>The "from" index of a clean line (or of a bucket start on a setup-per-bucket line).</summary>
    public const int Clean = -1;

    private readonly double[] _hours;
    private readonly double[] _cost;
    private readonly bool[] _forbidden;
    private readonly int[] _rule;
    // Line-local index by model product index (-1: not the line's), up to the line's largest product:
    // a plain array, as sequencing looks entries up in its inner loops (two lookups per weight of every subproblem).
    private readonly int[] _local;

    internal ChangeoverMatrix(ImmutableArray<int> products, double[] hours, double[] cost, bool[] forbidden, int[] rule)
    {
        Products = products;
        _hours = hours;
        _cost = cost;
        _forbidden = forbidden;
        _rule = rule;
        _local = new int[products.IsEmpty ? 0 : products.Max() + 1];
        Array.Fill(_local, -1);
        for (var i = 0; i < products.Length; i++)
            _local[products[i]] = i;
    }

    /// <summary>Model product index of each line-local index.</summary>
    public ImmutableArray<int> Products { get; }

    /// <summary>Number of line-local products.</summary>
    public int Size => Products.Length;

    /// <summary>Line-local index of a model product, or -1 when the line cannot hold it.</summary>
    public int LocalIndexOf(int product) => (uint)product < (uint)_local.Length ? _local[product] : -1;

    /// <summary>Working hours the line is down for from -> to (local indices; from may be <see cref="Clean"/>).</summary>
    public double Hours(int from, int to) => _hours[Cell(from, to)];

    public double Cost(int from, int to) => _cost[Cell(from, to)];

    public bool IsForbidden(int from, int to) => _forbidden[Cell(from, to)];

    /// <summary>Index into <c>PlanningModel.changeovers</c> of the rule that applies, or -1 (none: free).</summary>
    public int RuleIndex(int from, int to) => _rule[Cell(from, to)];

    // Row 0 is the clean row; row r + 1 is local product r.
    private int Cell(int from, int to)
    {
        if ((uint)to >= (uint)Size || from < Clean || from >= Size)
            throw new ArgumentOutOfRangeException(from < Clean || from >= Size ? nameof(from) : nameof(to), $"Local product index out of range [-1, {Size}).");
        return (from + 1) * Size + to;
    }
}
