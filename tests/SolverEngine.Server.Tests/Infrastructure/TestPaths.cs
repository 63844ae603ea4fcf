namespace SolverEngine.Server.Tests.Infrastructure;

/// <summary>Where the built CLI, the Python client and the test data are, found from the test assembly.</summary>
internal static class TestPaths
{
    public static string TestDirectory => AppContext.BaseDirectory;

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The build configuration this test assembly was built with (Debug/Release), from bin/&lt;Configuration&gt;/net10.0/.</summary>
    public static string Configuration => new DirectoryInfo(TestDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>src/SolverEngine.Cli/bin/&lt;Configuration&gt;/net10.0/solverengine.dll (built by the ProjectReference).</summary>
    public static string CliDll
    {
        get
        {
            var framework = new DirectoryInfo(TestDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
            var path = Path.Combine(RepositoryRoot, "src", "SolverEngine.Cli", "bin", Configuration, framework, "solverengine.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The CLI is not built at {path}; build tests/SolverEngine.Server.Tests (it builds the CLI too).", path);
        }
    }

    public static string PythonClientDirectory => Path.Combine(RepositoryRoot, "clients", "python");

    public static string PythonChecks => Path.Combine(TestDirectory, "python", "e2e_checks.py");

    public static string ModelsDirectory => Path.Combine(TestDirectory, "Models");

    /// <summary>Debian's interpreter, which has python3-grpcio (a pyenv python3 on PATH may not).</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SolverEngine.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No SolverEngine.sln above {AppContext.BaseDirectory}.");
    }
}
