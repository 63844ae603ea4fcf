using BenchmarkDotNet.Running;

// `sequencing-table [dir] [small-seconds] [large-seconds]`: the TSPLIB quality table of the sequencer.
if (args.Length > 0 && args[0] == "sequencing-table")
{
    SolverEngine.Benchmarks.Sequencing.TsplibSequencingSuite.RunFromCommandLine(args[1..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
