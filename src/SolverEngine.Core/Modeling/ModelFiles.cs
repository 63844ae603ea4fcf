using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Modeling;

/// <summary>
/// Loads and saves <see cref="PlanningModel"/> files: canonical proto3 JSON (<c>*.json</c>) or
/// binary (<c>*.pb</c>, <c>*.bin</c>). A thin typed front to <see cref="MessageFiles"/>.
/// </summary>
public static class ModelFiles
{
    /// <exception cref="ModelFileException">The file is not a valid model.</exception>
    public static PlanningModel Load(string path) => MessageFiles.Load<PlanningModel>(path);

    /// <inheritdoc cref="Load(string)"/>
    public static Task<PlanningModel> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        MessageFiles.LoadAsync<PlanningModel>(path, cancellationToken);

    public static void Save(PlanningModel model, string path) => MessageFiles.Save(model, path);

    public static Task SaveAsync(PlanningModel model, string path, CancellationToken cancellationToken = default) =>
        MessageFiles.SaveAsync(model, path, cancellationToken);

    /// <exception cref="ModelFileException">The text is not a valid model.</exception>
    public static PlanningModel ParseJson(string json, string source = "<text>") => MessageFiles.ParseJson<PlanningModel>(json, source);

    public static string ToJson(PlanningModel model) => MessageFiles.ToJson(model);
}
