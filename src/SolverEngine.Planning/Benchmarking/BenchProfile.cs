using System.Text.Json;
using Google.Protobuf;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Planning.Benchmarking;

/// <summary>What runs under a profile: the engine, or one of the two baselines.</summary>
public enum BenchProfileKind
{
    /// <summary>The decomposition engine (<see cref="PlanningEngine"/>) with these options.</summary>
    Engine,
    /// <summary>The whole model as one MIP in Cbc (<see cref="Baselines.MonolithicBaseline"/>).</summary>
    Monolithic,
    /// <summary>Aggregate plan, then sequencing afterwards (<see cref="Baselines.HandoffBaseline"/>).</summary>
    Handoff,
}

/// <summary>A named solver configuration of a benchmark: what runs and with which options.</summary>
/// <param name="Name">The name used in --profiles and in the tables.</param>
/// <param name="Kind">Engine or baseline.</param>
/// <param name="Options">Options of every run; the bench sets the time limit (and threads where these leave 0).</param>
public sealed record BenchProfile(string Name, BenchProfileKind Kind, SolveOptions Options);

/// <summary>Built-in profiles, user-defined ones from a JSON file, and resolution of a --profiles list.</summary>
public static class BenchProfiles
{
    /// <summary>Names always known: the engine's profiles and the two baselines.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = ["fast", "default", "quality", "monolithic", "handoff"];

    /// <summary>What runs when no list is given: the engine's default profile beside both baselines.</summary>
    public static IReadOnlyList<string> DefaultSelection { get; } = ["default", "handoff", "monolithic"];

    /// <summary>A built-in profile by name, or null.</summary>
    public static BenchProfile? Find(string name) => name switch
    {
        "fast" or "default" or "quality" => new BenchProfile(name, BenchProfileKind.Engine, new SolveOptions { Profile = name }),
        "monolithic" => new BenchProfile(name, BenchProfileKind.Monolithic, new SolveOptions { Profile = name }),
        "handoff" => new BenchProfile(name, BenchProfileKind.Handoff, new SolveOptions { Profile = name }),
        _ => null,
    };

    /// <summary>
    /// Reads user-defined profiles: a JSON object mapping a name to the proto3 JSON of
    /// <see cref="SolveOptions"/> (<c>profile</c>, <c>parameters</c>, <c>threads</c>, <c>relativeGap</c> /
    /// <c>relative_gap</c>, <c>seed</c>, <c>deterministic</c>). A <c>profile</c> of "monolithic" or
    /// "handoff" makes a baseline profile (its parameters are that baseline's). Example:
    /// <code>{ "fast-4t": { "profile": "fast", "threads": 4 }, "deep": { "parameters": { "coordinator.max_iterations": "400" } } }</code>
    /// Every profile is checked by the rules of the engine (or of its baseline) before anything runs.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not such an object; the message names the file and the entry.</exception>
    /// <exception cref="ArgumentException">An entry's options are invalid (unknown profile or parameter, negative threads...).</exception>
    public static IReadOnlyDictionary<string, BenchProfile> LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <inheritdoc cref="LoadFile"/>
    public static IReadOnlyDictionary<string, BenchProfile> Parse(string json, string source = "<text>")
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not valid JSON ({ex.Message}); expected an object mapping a profile name to solve options.", ex);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{source}: the top level is a {doc.RootElement.ValueKind}; expected an object mapping a profile name to solve options, e.g. {{\"fast-4t\": {{\"profile\": \"fast\", \"threads\": 4}}}}.");
            var result = new Dictionary<string, BenchProfile>(StringComparer.Ordinal);
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                if (string.IsNullOrWhiteSpace(entry.Name) || entry.Name.Contains(','))
                    throw new InvalidDataException($"{source}: profile name '{entry.Name}' is not usable in --profiles (empty or contains a comma).");
                if (Find(entry.Name) is not null)
                    throw new InvalidDataException($"{source}: profile '{entry.Name}' redefines a built-in profile; choose another name.");
                if (entry.Value.ValueKind != JsonValueKind.Object)
                    throw new InvalidDataException($"{source}: profile '{entry.Name}' is a {entry.Value.ValueKind}; expected an object of solve options.");
                SolveOptions options;
                try
                {
                    options = JsonParser.Default.Parse<SolveOptions>(entry.Value.GetRawText());
                }
                catch (InvalidProtocolBufferException ex)
                {
                    throw new InvalidDataException($"{source}: profile '{entry.Name}': {ex.Message} (fields: profile, parameters, threads, relativeGap, seed, deterministic).", ex);
                }
                var kind = options.Profile switch
                {
                    "monolithic" => BenchProfileKind.Monolithic,
                    "handoff" => BenchProfileKind.Handoff,
                    _ => BenchProfileKind.Engine,
                };
                var profile = new BenchProfile(entry.Name, kind, options);
                Check(profile);
                result.Add(entry.Name, profile);
            }
            return result;
        }
    }

    /// <summary>
    /// The profiles of a comma-separated list, in order, duplicates removed: built-in names and
    /// names of <paramref name="userDefined"/>. An empty list selects <see cref="DefaultSelection"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A name is unknown; the message lists the known ones.</exception>
    public static IReadOnlyList<BenchProfile> Resolve(string? list, IReadOnlyDictionary<string, BenchProfile>? userDefined = null)
    {
        var names = string.IsNullOrWhiteSpace(list)
            ? DefaultSelection
            : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var result = new List<BenchProfile>();
        foreach (var name in names)
        {
            var profile = userDefined?.GetValueOrDefault(name) ?? Find(name);
            if (profile is null)
            {
                var known = BuiltIn.Concat(userDefined?.Keys ?? []);
                throw new ArgumentException($"Profile '{name}' is unknown; known profiles: {string.Join(", ", known)} (user-defined ones come from --profiles-file).", nameof(list));
            }
            result.Add(profile);
        }
        return result;
    }

    /// <summary>Checks a profile's options by the rules of what runs it.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static void Check(BenchProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var known = profile.Kind switch
        {
            BenchProfileKind.Monolithic => Baselines.MonolithicBaseline.ParameterKeys,
            BenchProfileKind.Handoff => Baselines.HandoffBaseline.ParameterKeys,
            _ => null,
        };
        var check = profile.Options.Clone();
        if (known is not null)
        {
            foreach (var key in check.Parameters.Keys)
                if (!known.Contains(key))
                    throw new ArgumentException($"Profile '{profile.Name}': parameter '{key}' is unknown to the {profile.Kind.ToString().ToLowerInvariant()} baseline; known: {string.Join(", ", known)}.");
            check.Profile = "";
            check.Parameters.Clear();
        }
        try
        {
            PlanningEngine.ValidateOptions(check);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Profile '{profile.Name}': {ex.Message}", ex);
        }
    }
}
