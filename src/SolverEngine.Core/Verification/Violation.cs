namespace SolverEngine.Core.Verification;

/// <summary>
/// One broken rule of a plan.
/// </summary>
/// <param name="Code">A stable code from <see cref="ViolationCodes"/>; callers and tests match on it.</param>
/// <param name="Path">Where in the plan: an element such as <c>runs[12]</c> or <c>runs[12].changeover.hours</c>,
/// or, for balances that belong to no single element (stock, backlog, capacity), the bucket such as
/// <c>buckets[2]</c>; a frozen run that is missing points into the model (<c>model.frozen_runs[0]</c>).</param>
/// <param name="Message">What is wrong, with the values, entities and times involved.</param>
public sealed record Violation(string Code, string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code} at {Path}: {Message}";
}
