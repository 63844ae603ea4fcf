using SolverEngine.Contracts.V1;
using SolverEngine.Core.Import;
using SolverEngine.Core.Validation;

namespace SolverEngine.Core.Tests.Import;

/// <summary>Every imported benchmark file is a valid model for the engine's own validator.</summary>
public class ImportedModelsValidateTests
{
    public static TheoryData<string> AllFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var set in new[] { BenchmarkData.Files("trigeiro_clsp", "*"), BenchmarkData.Files("glsppl_random", "*"), BenchmarkData.Files("mpclsp", "*") })
            {
                foreach (var row in set)
                {
                    data.Add(row);
                }
            }
            return data;
        }
    }

    internal static PlanningModel ImportAny(string relativePath)
    {
        var path = BenchmarkData.File(relativePath);
        return relativePath.Split('/', '\\')[0] switch
        {
            "trigeiro_clsp" => TrigeiroImporter.Import(path),
            "glsppl_random" => GlspplImporter.Import(path),
            "mpclsp" => MpclspImporter.Import(path),
            var other => throw new ArgumentException($"No importer for set '{other}'.", nameof(relativePath)),
        };
    }

    [BenchmarkTheory]
    [MemberData(nameof(AllFiles))]
    public void Imported_model_validates_without_errors(string relativePath)
    {
        var report = ModelValidator.Validate(ImportAny(relativePath));
        var errors = report.Issues.Where(i => i.Severity == ValidationIssue.Types.Severity.Error).Select(i => $"{i.Path}: {i.Message}").ToList();
        Assert.True(report.Valid, string.Join(Environment.NewLine, errors.Take(10)));
    }
}

public class BenchmarkSetTests
{
    [BenchmarkFact]
    public void The_sets_hold_the_files_their_README_lists()
    {
        // F 70 + G 75 + X 180; 25 GLSPPL; 120 mpclsp. A theory over fewer files would test less than it claims.
        Assert.Equal(325, BenchmarkData.Files("trigeiro_clsp", "*").Count);
        Assert.Equal(25, BenchmarkData.Files("glsppl_random", "*").Count);
        Assert.Equal(120, BenchmarkData.Files("mpclsp", "*").Count);
    }
}
