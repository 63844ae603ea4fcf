using SolverEngine.Cli;

return await CliApp.RunAsync(args);
