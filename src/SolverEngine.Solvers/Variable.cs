namespace SolverEngine.Solvers;

/// <summary>
/// A column of a <see cref="LinearModel"/>: a cheap index handle (no reference to the model). Index i is the
/// i-th variable added, and the i-th entry of every solution vector.
/// </summary>
public readonly record struct Variable(int Index)
{
    public static LinearExpression operator *(double coefficient, Variable variable) => new LinearExpression().Add(variable, coefficient);
    public static LinearExpression operator *(Variable variable, double coefficient) => new LinearExpression().Add(variable, coefficient);
    public static LinearExpression operator +(Variable left, Variable right) => new LinearExpression().Add(left).Add(right);
    public static LinearExpression operator -(Variable left, Variable right) => new LinearExpression().Add(left).Add(right, -1.0);
    public static LinearExpression operator -(Variable variable) => new LinearExpression().Add(variable, -1.0);

    public override string ToString() => $"x{Index}";
}

/// <summary>A row of a <see cref="LinearModel"/>: a cheap index handle. Index i is the i-th row added.</summary>
public readonly record struct Constraint(int Index)
{
    public override string ToString() => $"r{Index}";
}

/// <summary>Direction of the objective.</summary>
public enum ObjectiveSense
{
    Minimize = 0,
    Maximize = 1,
}
