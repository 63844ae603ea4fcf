using BenchmarkDotNet.Running;

// `sequencing-table [dir] [small-seconds] [large-seconds]`: the TSPLIB quality table of the sequencer.
if (args.Length > 0 && args[0] == "sequencing-table")
{
    SolverEngine.Benchmarks.Sequencing.TsplibSequencingSuite.RunFromCommandLine(args[1..]);
    return;
}

// `branch-and-cut-probe [seconds] [names...]`: the sequencer's LP branch-and-cut alone on TSPLIB instances.
if (args.Length > 0 && args[0] == "branch-and-cut-probe")
{
    SolverEngine.Benchmarks.Sequencing.BranchAndCutProbe.RunFromCommandLine(args[1..]);
    return;
}

// `subproblem-speedup [--size L] [--seed 1] [--reps 3] [--threads 1,2]`: the subproblem phase at several thread counts.
if (args.Length > 0 && args[0] == "subproblem-speedup")
{
    SolverEngine.Benchmarks.Coordination.SubproblemSpeedup.RunFromCommandLine(args[1..]);
    return;
}

// `lp-presolve [--sizes M,L] [--seed 1] [--algorithms Automatic,Barrier]`: the first aggregate LP with and without Clp's presolve, per algorithm.
if (args.Length > 0 && args[0] == "lp-presolve")
{
    SolverEngine.Benchmarks.Solvers.AggregateLpProbes.RunPresolve(args[1..]);
    return;
}

// `lane-warm-start [--size L] [--seed 1] [--limit 600] [--cold] [--priced-only] [--mps FILE]`: the aggregate LP lanes closed first (LanesClosedFirst, each priced round) beside every lane opened at once.
if (args.Length > 0 && args[0] == "lane-warm-start")
{
    SolverEngine.Benchmarks.Solvers.AggregateLpProbes.RunLaneWarmStart(args[1..]);
    return;
}

// `cancel-latency [--model FILE | --size XL --seed 1] [--after 5,15] [--after-first 0,10] [--threads 0]`: time from cancel to result of a running solve.
if (args.Length > 0 && args[0] == "cancel-latency")
{
    SolverEngine.Benchmarks.Coordination.CancelLatency.RunFromCommandLine(args[1..]);
    return;
}

// `site-decomposition [--sizes S,M,L] [--seed 1] [--reps 3] [--threads 1,2] [--limit 300] [--no-lanes]`: the aggregate LP whole vs by site (Benders).
if (args.Length > 0 && args[0] == "site-decomposition")
{
    SolverEngine.Benchmarks.Coordination.SiteDecompositionCrossover.RunFromCommandLine(args[1..]);
    return;
}

// `literature-table [--set glsp|trigeiro|mpclsp|generated] [--seconds s] [--pattern glob] [--limit n] [--phases] [files]`:
// the engine on published lot-sizing instances, every plan verified.
if (args.Length > 0 && args[0] == "literature-table")
{
    SolverEngine.Benchmarks.Planning.LiteratureSuite.RunFromCommandLine(args[1..]);
    return;
}

// Every BenchmarkDotNet class runs under the one shared configuration (SharedConfig).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, SolverEngine.Benchmarks.SharedConfig.Create());
