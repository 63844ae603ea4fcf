using System.Diagnostics;
using SolverEngine.Core.Compilation;
using SolverEngine.Core.Generation;
using Xunit.Abstractions;

namespace SolverEngine.Core.Tests.Generation;

/// <summary>Generated models compile, and the compiler's calendars agree with the hours the generator sized demand against.</summary>
public class GeneratedModelsCompileTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(InstanceSize.S)]
    [InlineData(InstanceSize.M)]
    [InlineData(InstanceSize.L)]
    public void Generated_model_compiles_and_working_hours_agree(InstanceSize size) =>
        AssertCompilesAndAgrees(InstanceGenerator.GenerateDetailed(size, 3));

    [Fact]
    [Trait("Category", "Slow")]
    public void XL_compiles_and_working_hours_agree()
    {
        var generated = InstanceGenerator.GenerateDetailed(InstanceSize.XL, 2026);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var compiled = ModelCompiler.Compile(generated.Model);
        var elapsed = watch.Elapsed;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        output.WriteLine($"XL compile (validation included): {elapsed.TotalMilliseconds:F0} ms, allocated {allocated / 1048576.0:F1} MiB, " +
            $"retained {retained / 1048576.0:F1} MiB, {compiled.Buckets.Count} buckets, {compiled.Lines.Length} lines, {compiled.Products.Length} products");
        GC.KeepAlive(compiled);
        AssertCompilesAndAgrees(generated);
    }

    private static void AssertCompilesAndAgrees(GeneratedInstance generated)
    {
        var compiled = ModelCompiler.Compile(generated.Model, out var report);
        Assert.Empty(report.Issues);
        Assert.Equal(generated.Profile.Lines, compiled.Lines.Length);
        Assert.Equal(generated.Profile.Products, compiled.Products.Length);
        Assert.Equal(generated.Profile.DayBuckets + generated.Profile.WeekBuckets + generated.Profile.MonthBuckets, compiled.Buckets.Count);
        foreach (var load in generated.Lines)
        {
            var line = compiled.Lines[compiled.LineIds.IndexOf(load.LineId)];
            // The generator's own working-time arithmetic and the compiler's calendars were written apart.
            Assert.Equal(load.AvailableHours, line.AvailableHours.Sum(), 3);
            // Every product a line makes reaches every other one (forbidden rules keep the line usable).
            var matrix = line.Changeovers;
            for (var a = 0; a < matrix.Size; a++)
            {
                Assert.True(Reachable(matrix, a) == matrix.Size, $"line {line.Id}: product {matrix.Products[a]} cannot reach every other product");
            }
        }
    }

    private static int Reachable(ChangeoverMatrix matrix, int from)
    {
        var seen = new bool[matrix.Size];
        seen[from] = true;
        var stack = new Stack<int>([from]);
        var count = 1;
        while (stack.Count > 0)
        {
            var a = stack.Pop();
            for (var b = 0; b < matrix.Size; b++)
            {
                if (!seen[b] && !matrix.IsForbidden(a, b))
                {
                    seen[b] = true;
                    count++;
                    stack.Push(b);
                }
            }
        }
        return count;
    }
}
