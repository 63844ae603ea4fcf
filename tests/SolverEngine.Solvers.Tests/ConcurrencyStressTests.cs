using Xunit.Abstractions;

namespace SolverEngine.Solvers.Tests;

/// <summary>
/// Many small LPs and MIPs solved at once on different threads must give exactly the results of a sequential run
/// (each call owns its native model; Cbc's process globals are behind the solver's lock).
/// </summary>
public class ConcurrencyStressTests(ITestOutputHelper output)
{
    private abstract record Job
    {
        public abstract (SolveStatus Status, double Objective, double[] Values) Run();
    }

    private sealed record LpJob(LinearModel Model) : Job
    {
        public override (SolveStatus, double, double[]) Run()
        {
            var r = ClpLpSolver.Instance.Solve(Model, new SolverOptions { Algorithm = LpAlgorithm.DualSimplex });
            return (r.Status, r.Objective, r.Values.ToArray());
        }
    }

    private sealed record SessionJob(LinearModel Model) : Job
    {
        public override (SolveStatus, double, double[]) Run()
        {
            // Solve, tighten every supply row by 10 %, warm re-solve: exercises the persistent path per thread.
            using var session = ClpLpSolver.Instance.CreateSession(Model);
            var first = session.Solve();
            for (var i = 0; i < Model.ConstraintCount; i++)
            {
                var row = new Constraint(i);
                if (double.IsNegativeInfinity(Model.LowerBound(row)))
                {
                    session.SetBounds(row, double.NegativeInfinity, Model.UpperBound(row) * 0.9);
                }
            }

            var second = session.Solve();
            return (second.Status, first.Objective + second.Objective, second.Values.ToArray());
        }
    }

    private sealed record MipJob(LinearModel Model) : Job
    {
        public override (SolveStatus, double, double[]) Run()
        {
            var r = CbcMipSolver.Instance.Solve(Model);
            return (r.Status, r.Objective, r.Values.ToArray());
        }
    }

    [Fact]
    [Trait("Category", "Stress")]
    public void Concurrent_solves_match_a_sequential_run()
    {
        var jobs = new List<Job>();
        var random = new Random(2024);
        for (var k = 0; k < 120; k++)
        {
            jobs.Add(new LpJob(TestModels.Transport(random.Next(5, 25), random.Next(5, 25), seed: k)));
            jobs.Add(new SessionJob(TestModels.Transport(random.Next(5, 15), random.Next(5, 15), seed: 100 + k)));
        }

        for (var k = 0; k < 40; k++)
        {
            var n = random.Next(8, 16);
            var values = Enumerable.Range(0, n).Select(_ => random.Next(1, 100)).ToArray();
            var weights = Enumerable.Range(0, n).Select(_ => random.Next(1, 60)).ToArray();
            jobs.Add(new MipJob(CbcMipSolverTests.Knapsack(values, weights, weights.Sum() / 3).Model));
        }

        var sequential = jobs.Select(j => j.Run()).ToArray();

        var parallel = new (SolveStatus Status, double Objective, double[] Values)[jobs.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, Environment.ProcessorCount) };
        var order = Enumerable.Range(0, jobs.Count).OrderBy(_ => random.Next()).ToArray();
        Parallel.ForEach(order, options, i => parallel[i] = jobs[i].Run());

        for (var i = 0; i < jobs.Count; i++)
        {
            Assert.Equal(SolveStatus.Optimal, sequential[i].Status);
            Assert.Equal(sequential[i].Status, parallel[i].Status);
            // Same model, same deterministic solver: the same objective (and, for these, the same vertex).
            Assert.Equal(sequential[i].Objective, parallel[i].Objective, 1e-9 * Math.Max(1, Math.Abs(sequential[i].Objective)));
            Assert.Equal(sequential[i].Values, parallel[i].Values);
        }

        output.WriteLine($"{jobs.Count} jobs, {options.MaxDegreeOfParallelism} threads: all equal to the sequential run");
    }
}
