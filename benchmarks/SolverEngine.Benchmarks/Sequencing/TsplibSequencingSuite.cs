using System.Diagnostics;
using System.Globalization;
using SolverEngine.Core.Import;
using SolverEngine.Planning.Sequencing;

namespace SolverEngine.Benchmarks.Sequencing;

/// <summary>
/// Solution-quality harness for the sequencer on the TSPLIB asymmetric instances: each instance
/// is solved as a closed tour (a path from city 1 back to a copy of city 1), and a table of
/// instance, n, known optimum, our tour length, gap, proven?, bound and seconds is printed.
/// Run: <c>dotnet run -c Release --project benchmarks/SolverEngine.Benchmarks -- sequencing-table [dir] [small-s] [large-s]</c>.
/// </summary>
public static class TsplibSequencingSuite
{
    /// <summary>Default folder of the instances.</summary>
    public const string DefaultDirectory = "/work/shared/data/instances/tsplib_atsp";

    /// <summary>Published optimal tour lengths (TSPLIB).</summary>
    public static IReadOnlyDictionary<string, double> KnownOptima { get; } = new Dictionary<string, double>
    {
        ["br17"] = 39, ["ft53"] = 6905, ["ft70"] = 38673, ["ftv33"] = 1286, ["ftv35"] = 1473,
        ["ftv38"] = 1530, ["ftv44"] = 1613, ["ftv47"] = 1776, ["ftv55"] = 1608, ["ftv64"] = 1839,
        ["ftv70"] = 1950, ["ftv170"] = 2755, ["kro124p"] = 36230, ["p43"] = 5620, ["rbg323"] = 1326,
        ["rbg358"] = 1163, ["rbg403"] = 2465, ["rbg443"] = 2720, ["ry48p"] = 14422,
    };

    /// <summary>
    /// Command-line entry: <c>[dir] [small-seconds (10)] [large-seconds (1)] [--deterministic]</c>. With
    /// --deterministic the limits count work units (<see cref="SequencingOptions.WorkUnitsPerSecond"/>
    /// per second), so proofs and bounds do not depend on the machine's load.
    /// </summary>
    public static void RunFromCommandLine(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool deterministic = args.Contains("--deterministic");
        args = args.Where(a => a != "--deterministic").ToArray();
        string dir = args.Length > 0 ? args[0] : DefaultDirectory;
        double small = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        double large = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        Run(dir, TimeSpan.FromSeconds(small), TimeSpan.FromSeconds(large), Console.Out, deterministic: deterministic);
    }

    /// <summary>One row of the table.</summary>
    public sealed record Row(string Instance, int Cities, double Optimum, double Ours, double GapPercent, bool Proven, double LowerBound, double Seconds, string Method, long Nodes, long Work);

    /// <summary>
    /// Solves every *.atsp file of <paramref name="directory"/> (smallest first) with
    /// <paramref name="smallLimit"/> up to 50 cities and <paramref name="largeLimit"/> above, and
    /// writes the table to <paramref name="output"/>.
    /// </summary>
    public static IReadOnlyList<Row> Run(string directory, TimeSpan smallLimit, TimeSpan largeLimit, TextWriter output, int seed = 1, bool deterministic = false)
    {
        var sequencer = new PortfolioSequencer();
        var rows = new List<Row>();
        var files = Directory.GetFiles(directory, "*.atsp")
            .Select(f => TsplibReader.ReadFile(f))
            .OrderBy(i => i.Dimension).ThenBy(i => i.Name, StringComparer.Ordinal)
            .ToList();
        output.WriteLine($"{"instance",-9} {"n",4} {"optimum",8} {"ours",8} {"gap %",7} {"proven",6} {"bound",9} {"seconds",8} {"nodes",8} {"work",12}  method");
        foreach (var instance in files)
        {
            var problem = SequencingProblem.ForClosedTour(instance.ToMatrix());
            var options = new SequencingOptions
            {
                TimeLimit = instance.Dimension <= 50 ? smallLimit : largeLimit,
                Seed = seed,
                Deterministic = deterministic,
            };
            var sw = Stopwatch.StartNew();
            var result = sequencer.Solve(problem, options);
            sw.Stop();
            double ours = result.HasOrder ? instance.TourLength(SequencingProblem.ClosedTourCities(result.Order)) : double.PositiveInfinity;
            double optimum = KnownOptima.TryGetValue(instance.Name, out double o) ? o : double.NaN;
            double gap = 100.0 * (ours - optimum) / optimum;
            var row = new Row(instance.Name, instance.Dimension, optimum, ours, gap, result.IsProvenOptimal, result.LowerBound, sw.Elapsed.TotalSeconds, result.Method, result.Nodes, result.Work);
            rows.Add(row);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Instance,-9} {row.Cities,4} {row.Optimum,8} {row.Ours,8} {row.GapPercent,7:F2} {(row.Proven ? "yes" : "no"),6} {row.LowerBound,9:F1} {row.Seconds,8:F2} {row.Nodes,8} {row.Work,12}  {row.Method}"));
        }
        return rows;
    }
}
