namespace SolverEngine.Cli.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "examples");

    public static string TestModel(string name) => Path.Combine(AppContext.BaseDirectory, "Models", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SolverEngine.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"SolverEngine.sln not found above {AppContext.BaseDirectory}");
    }
}
