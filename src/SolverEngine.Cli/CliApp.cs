using System.CommandLine;
using SolverEngine.Cli.Commands;
using SolverEngine.Core.Modeling;
using SolverEngine.Core.Validation;

namespace SolverEngine.Cli;

/// <summary>
/// The <c>solverengine</c> command line: builds the command tree and is the one place where
/// exceptions become a one-line error and an exit code (a stack trace only with --verbose).
/// </summary>
public static class CliApp
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Print stack traces and solver logs",
        Recursive = true,
    };

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("SolverEngine: one plan from S&OP volumes down to the run sequence on each line.")
        {
            Verbose,
            ValidateCommand.Create(),
            GenerateCommand.Create(),
            ImportCommand.Create(),
            SolveCommand.Create(),
            VerifyCommand.Create(),
            ServeCommand.Create(),
            ViewCommand.Create(),
            GanttCommand.Create(),
            BenchCommand.Create(),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors)
                stderr.WriteLine($"error: {error.Message}");
            stderr.WriteLine("See 'solverengine --help'.");
            return ExitCodes.InvalidInput;
        }
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await parse.InvokeAsync(config, cts.Token);
        }
        catch (Exception ex)
        {
            return Report(ex, parse.GetValue(Verbose), stderr);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int Report(Exception ex, bool verbose, TextWriter stderr)
    {
        var (message, code) = ex switch
        {
            CliException cli => (cli.Message, cli.ExitCode),
            ModelFileException file => (file.Message, ExitCodes.InvalidInput),
            InvalidDataException data => (data.Message, ExitCodes.InvalidInput),
            FormatException format => (format.Message, ExitCodes.InvalidInput),
            ModelValidationException invalid => (invalid.Message, ExitCodes.InvalidInput),
            FileNotFoundException fnf => ($"file not found: {fnf.FileName ?? fnf.Message}", ExitCodes.InvalidInput),
            DirectoryNotFoundException dnf => (dnf.Message, ExitCodes.InvalidInput),
            OperationCanceledException => ("cancelled", ExitCodes.Failure),
            _ => (ex.Message, ExitCodes.Failure),
        };
        stderr.WriteLine($"error: {message}");
        if (verbose)
            stderr.WriteLine(ex.ToString());
        return code;
    }
}
