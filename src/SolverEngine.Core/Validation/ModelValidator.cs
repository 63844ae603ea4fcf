using SolverEngine.Contracts.V1;
using SolverEngine.Core.Validation.Internal;

namespace SolverEngine.Core.Validation;

/// <summary>
/// Checks a <see cref="PlanningModel"/> against the v1 contract and reports every problem at once,
/// each with its field path (<c>recipes[3].rate</c>), the values involved, a hint and a stable code
/// from <see cref="ValidationCodes"/>. The report is valid when it holds no ERROR (warnings allowed).
/// Thread-safe; the model is not changed.
/// </summary>
public static class ModelValidator
{
    public static ValidationReport Validate(PlanningModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ModelChecker(model).Run();
    }
}
