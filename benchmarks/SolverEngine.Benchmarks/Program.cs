using BenchmarkDotNet.Running;

// `sequencing-table [dir] [small-seconds] [large-seconds]`: the TSPLIB quality table of the sequencer.
if (args.Length > 0 && args[0] == "sequencing-table")
{
    SolverEngine.Benchmarks.Sequencing.TsplibSequencingSuite.RunFromCommandLine(args[1..]);
    return;
}

// `literature-table [--set glsp|trigeiro|mpclsp|generated] [--seconds s] [--pattern glob] [--limit n] [--phases] [files]`:
// the engine on published lot-sizing instances, every plan verified.
if (args.Length > 0 && args[0] == "literature-table")
{
    SolverEngine.Benchmarks.Planning.LiteratureSuite.RunFromCommandLine(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
