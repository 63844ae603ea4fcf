using SolverEngine.Contracts.V1;
using SolverEngine.Core.Generation;
using SolverEngine.Core.Import;
using SolverEngine.Core.Modeling;
using SolverEngine.Core.Validation;

namespace SolverEngine.Planning.Benchmarking;

/// <summary>One model of a benchmark. <paramref name="Set"/> groups rows in the summary (one table per set).</summary>
public sealed record BenchInstance(string Set, string Name, PlanningModel Model)
{
    /// <summary>Best known objective of a published instance (from the set's data files, see <see cref="BestKnownValues"/>); null when none is documented.</summary>
    public BestKnown? BestKnown { get; init; }
}

/// <summary>The three ways to get benchmark instances: a folder of model files, a generated size, an imported published set.</summary>
public static class BenchInstances
{
    /// <summary>Published formats <see cref="Import"/> reads.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["trigeiro", "glsppl", "mpclsp", "tsplib"];

    /// <summary>Every model file (*.json, *.pb) of <paramref name="directory"/>, by name; each is validated.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">The folder holds no model file.</exception>
    /// <exception cref="InvalidDataException">A model is invalid (the message names its file and lists the errors).</exception>
    public static IReadOnlyList<BenchInstance> FromDirectory(string directory)
    {
        var dir = Existing(directory);
        var files = dir.EnumerateFiles().Where(f => f.Extension is ".json" or ".pb").OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new ArgumentException($"Folder '{dir.FullName}' holds no model file (*.json or *.pb).", nameof(directory));
        return files.Select(f => Checked(new BenchInstance(dir.Name, Path.GetFileNameWithoutExtension(f.Name), ModelFiles.Load(f.FullName)), f.FullName)).ToList();
    }

    /// <summary>One generated instance of <paramref name="size"/> per seed (seed, seed + 1, ...).</summary>
    public static IReadOnlyList<BenchInstance> Generated(InstanceSize size, int seed, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Enumerable.Range(seed, count)
            .Select(s => new BenchInstance($"generated-{size}", $"{size}-seed{s}", InstanceGenerator.Generate(size, s)))
            .ToList();
    }

    /// <summary>
    /// Every file of a published set in <paramref name="directory"/> imported in <paramref name="format"/> (trigeiro, glsppl, mpclsp, tsplib),
    /// each with the best known objective the folder documents (<see cref="BestKnownValues.FromDirectory"/>: README.md tables, best-known.csv).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown format, or no file in the folder.</exception>
    /// <exception cref="InvalidDataException">A file is not in that format (the importer names it), or the folder's best-known.csv is malformed.</exception>
    public static IReadOnlyList<BenchInstance> Import(string format, string directory)
    {
        if (!Formats.Contains(format))
            throw new ArgumentException($"Import format '{format}' is unknown; use one of {string.Join(", ", Formats)}.", nameof(format));
        var dir = Existing(directory);
        var files = dir.EnumerateFiles().Where(f => !f.Name.StartsWith('.') && !BestKnownValues.IsDataNote(f.Name))
            .OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var best = BestKnownValues.FromDirectory(dir.FullName);
        if (files.Count == 0)
            throw new ArgumentException($"Folder '{dir.FullName}' holds no instance file to import as {format}.", nameof(directory));
        return files.Select(f =>
        {
            PlanningModel model = format switch
            {
                "trigeiro" => TrigeiroImporter.Import(f.FullName),
                "glsppl" => GlspplImporter.Import(f.FullName),
                "mpclsp" => MpclspImporter.Import(f.FullName),
                _ => TsplibImporter.Import(TsplibReader.ReadFile(f.FullName)),
            };
            var name = Path.GetFileNameWithoutExtension(f.Name);
            return Checked(new BenchInstance($"{format}-{dir.Name}", name, model) { BestKnown = BestKnownValues.Find(best, f.Name) }, f.FullName);
        }).ToList();
    }

    /// <summary>
    /// <paramref name="instances"/> with the best known objectives of <paramref name="values"/> set where an instance's name has one
    /// (a value already set from the set's folder is replaced).
    /// </summary>
    public static IReadOnlyList<BenchInstance> WithBestKnown(IReadOnlyList<BenchInstance> instances, IReadOnlyDictionary<string, BestKnown> values)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(values);
        return instances.Select(i => BestKnownValues.Find(values, i.Name) is { } b ? i with { BestKnown = b } : i).ToList();
    }

    private static DirectoryInfo Existing(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var dir = new DirectoryInfo(directory);
        return dir.Exists ? dir : throw new DirectoryNotFoundException($"Folder '{directory}' does not exist.");
    }

    private static BenchInstance Checked(BenchInstance instance, string file)
    {
        var report = ModelValidator.Validate(instance.Model);
        if (!report.Valid) throw new InvalidDataException($"{file}: {new ModelValidationException(report).Message}");
        return instance;
    }
}
