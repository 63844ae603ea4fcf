namespace SolverEngine.Core.Tests.Import;

/// <summary>
/// Finds the shared benchmark instances: walks up from the test binaries until a folder holds
/// <c>shared/data/instances</c> or <c>../shared/data/instances</c> (worktrees live beside
/// <c>shared/</c>). Null when the data is not on this machine.
/// </summary>
internal static class BenchmarkData
{
    public static readonly string? Root = Find();

    public const string MissingMessage = "Benchmark data folder shared/data/instances not found above the test binaries; importer data tests skipped.";

    public static string Folder(string relative) =>
        Path.Combine(Root ?? throw new InvalidOperationException(MissingMessage), relative);

    public static string File(string relative) => Folder(relative);

    /// <summary>The Monday (UTC) on which every importer starts its horizon (benchmark periods have no dates).</summary>
    public static readonly DateTime ImportStart = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The first <paramref name="count"/> numbers of an instance file: the sizes its header gives (N, T, ...).</summary>
    public static int[] HeaderCounts(string path, int count) =>
        System.IO.File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Take(count).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Theory rows: every file of a set (relative paths, sorted ordinally for stable test names).</summary>
    public static TheoryData<string> Files(string folder, string pattern)
    {
        var data = new TheoryData<string>();
        if (Root is null)
        {
            data.Add("(data missing)");
            return data;
        }
        var baseDir = Path.Combine(Root, folder);
        var files = Directory.GetFiles(baseDir, pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f))
            .OrderBy(f => f, StringComparer.Ordinal);
        foreach (var f in files)
        {
            data.Add(f);
        }
        return data;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data", "instances"), Path.Combine(dir.FullName, "..", "shared", "data", "instances") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }
        return null;
    }
}

/// <summary>A theory over benchmark files, skipped with a clear message when the data folder is missing.</summary>
internal sealed class BenchmarkTheoryAttribute : TheoryAttribute
{
    public BenchmarkTheoryAttribute()
    {
        if (BenchmarkData.Root is null)
        {
            Skip = BenchmarkData.MissingMessage;
        }
    }
}

/// <summary>A fact on benchmark files, skipped with a clear message when the data folder is missing.</summary>
internal sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (BenchmarkData.Root is null)
        {
            Skip = BenchmarkData.MissingMessage;
        }
    }
}
