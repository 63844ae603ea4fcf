namespace SolverEngine.Cli.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "examples");

    /// <summary>The published benchmark instances: shared/data/instances beside the repository.</summary>
    public static string Instances => Path.Combine(Root, "..", "shared", "data", "instances");

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
