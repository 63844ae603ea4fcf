namespace SolverEngine.Core.Generation;

/// <summary>
/// How loaded a generated line is, as the generator sized it (all over the whole horizon except the
/// weekly figures). A naive plan that ignores changeovers needs <see cref="ProductionHours"/> of the
/// <see cref="AvailableHours"/>; running every product of the line once a week costs about
/// <see cref="WeeklyCycleChangeoverHours"/>, to compare with <see cref="WeeklySlackHours"/>.
/// </summary>
/// <param name="LineId">The line.</param>
/// <param name="Mixing">True for a site's mixing line (makes intermediates into tanks).</param>
/// <param name="AvailableHours">Working hours of the calendar over the horizon.</param>
/// <param name="ProductionHours">Hours to make the demand on the product's primary line, no changeovers.</param>
/// <param name="WeeklyCycleChangeoverHours">Changeover hours of one cycle through the line's families (light to dark and back) and products.</param>
/// <param name="WeeklySlackHours">Available minus production hours, per week on average.</param>
public sealed record LineLoad(
    string LineId,
    bool Mixing,
    double AvailableHours,
    double ProductionHours,
    double WeeklyCycleChangeoverHours,
    double WeeklySlackHours)
{
    /// <summary>Production hours / available hours.</summary>
    public double Utilisation => AvailableHours > 0 ? ProductionHours / AvailableHours : 0;
}
