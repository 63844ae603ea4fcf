using System.Globalization;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Cli.Output;

/// <summary>The short summary printed after a solve: status, objective, bound, gap, service, changeovers.</summary>
internal static class ResultSummary
{
    /// <summary>The status as the contract spells it (FEASIBLE, not Feasible).</summary>
    public static string StatusName(SolveStatus status) =>
        ServiceReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>("SolveStatus")
            ?.FindValueByNumber((int)status)?.Name ?? status.ToString();

    public static void Write(TextWriter writer, SolveResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        writer.WriteLine($"status:            {StatusName(result.Status)}");
        if (!string.IsNullOrEmpty(result.Message))
            writer.WriteLine($"message:           {result.Message}");
        if (result.Plan is null)
            return;
        var kpis = result.Plan.Kpis ?? new Kpis();
        writer.WriteLine(string.Format(inv, "objective:         {0:#,0.##}", result.Objective));
        writer.WriteLine(string.Format(inv, "lower bound:       {0:#,0.##}", result.LowerBound));
        writer.WriteLine(string.Format(inv, "gap:               {0:P2}", result.Gap));
        writer.WriteLine(string.Format(inv, "on-time-in-full:   {0:P1}", kpis.OnTimeInFull));
        writer.WriteLine(string.Format(inv, "fill rate:         {0:P1}", kpis.FillRate));
        writer.WriteLine(string.Format(inv, "changeover hours:  {0:#,0.##}", kpis.ChangeoverHours));
        writer.WriteLine(string.Format(inv, "runs:              {0}", result.Plan.Runs.Count));
    }
}
