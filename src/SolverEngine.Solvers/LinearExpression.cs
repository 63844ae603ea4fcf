namespace SolverEngine.Solvers;

/// <summary>
/// A convenience builder for one row or objective: sum of coefficient * variable plus a constant. Terms on the same
/// variable are summed when the model is assembled. For large models prefer the bulk
/// <see cref="LinearModel.AddRows"/> / <see cref="LinearModel.AddColumns"/> overloads; a row added from an expression
/// still lands in the same bulk triplet store.
/// </summary>
public sealed class LinearExpression
{
    private readonly List<int> _columns;
    private readonly List<double> _coefficients;

    public LinearExpression()
    {
        _columns = [];
        _coefficients = [];
    }

    private LinearExpression(LinearExpression source)
    {
        _columns = [.. source._columns];
        _coefficients = [.. source._coefficients];
        Constant = source.Constant;
    }

    /// <summary>The constant term; moved to the bounds when the expression becomes a row.</summary>
    public double Constant { get; set; }

    public int Count => _columns.Count;

    internal ReadOnlySpan<int> Columns => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_columns);

    internal ReadOnlySpan<double> Coefficients => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_coefficients);

    /// <summary>Adds <paramref name="coefficient"/> * <paramref name="variable"/> in place and returns this expression.</summary>
    public LinearExpression Add(Variable variable, double coefficient = 1.0)
    {
        if (variable.Index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(variable), variable.Index, "A variable index must be >= 0; was the Variable default-constructed?");
        }

        if (!double.IsFinite(coefficient))
        {
            throw new ArgumentException($"Coefficient of {variable} is {coefficient}; coefficients must be finite.", nameof(coefficient));
        }

        _columns.Add(variable.Index);
        _coefficients.Add(coefficient);
        return this;
    }

    /// <summary>Adds another expression (its terms and constant, scaled) in place.</summary>
    public LinearExpression Add(LinearExpression other, double scale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < other._columns.Count; i++)
        {
            _columns.Add(other._columns[i]);
            _coefficients.Add(other._coefficients[i] * scale);
        }

        Constant += other.Constant * scale;
        return this;
    }

    /// <summary>Sum of the given variables, each with coefficient 1.</summary>
    public static LinearExpression Sum(IEnumerable<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var expression = new LinearExpression();
        foreach (var v in variables)
        {
            expression.Add(v);
        }

        return expression;
    }

    public static implicit operator LinearExpression(Variable variable) => new LinearExpression().Add(variable);

    public static implicit operator LinearExpression(double constant) => new() { Constant = constant };

    public static LinearExpression operator +(LinearExpression left, LinearExpression right) => new LinearExpression(left).Add(right);

    public static LinearExpression operator -(LinearExpression left, LinearExpression right) => new LinearExpression(left).Add(right, -1.0);

    public static LinearExpression operator *(double scale, LinearExpression expression) => new LinearExpression().Add(expression, scale);

    public static LinearExpression operator *(LinearExpression expression, double scale) => new LinearExpression().Add(expression, scale);

    public override string ToString()
    {
        var parts = new List<string>(_columns.Count + 1);
        for (var i = 0; i < _columns.Count; i++)
        {
            parts.Add($"{_coefficients[i]:R} x{_columns[i]}");
        }

        if (Constant != 0 || parts.Count == 0)
        {
            parts.Add(Constant.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        return string.Join(" + ", parts);
    }
}
