using SolverEngine.Core.Compilation;
using SolverEngine.Core.Modeling;
using SolverEngine.Core.Tests.Examples;

namespace SolverEngine.Core.Tests.Compilation;

public sealed class ParallelReadTests
{
    /// <summary>Many threads querying one compiled model get the answers one thread gets.</summary>
    [Fact]
    public void Compiled_model_answers_the_same_from_many_threads()
    {
        var c = ModelCompiler.Compile(ModelFiles.Load(Path.Combine(ExampleModelTests.ExamplesDirectory(), "multi-resolution.json")));
        double Work(int seed)
        {
            var rng = new Random(seed);
            double sum = 0;
            for (var i = 0; i < 2000; i++)
            {
                var line = rng.Next(c.Lines.Length);
                var from = c.Buckets.Start.AddMinutes(rng.Next(0, 60 * 24 * 450));
                var end = c.AdvanceWorkingTime(line, from, rng.NextDouble() * 100);
                sum += c.WorkingHours(line, from, end) + (end - from).TotalHours;
                var mx = c.Lines[line].Changeovers;
                sum += mx.Hours(rng.Next(-1, mx.Size), rng.Next(mx.Size));
                sum += c.DemandIn(rng.Next(c.Products.Length), 0, rng.Next(c.Buckets.Count));
                sum += c.Buckets.IndexOf(from);
            }
            return sum;
        }
        var sequential = Enumerable.Range(0, 16).Select(Work).ToArray();
        var parallel = new double[16];
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Work(i));
        Assert.Equal(sequential, parallel);
    }
}
