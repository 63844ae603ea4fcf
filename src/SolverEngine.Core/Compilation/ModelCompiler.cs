using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation.Internal;
using SolverEngine.Core.Validation;

namespace SolverEngine.Core.Compilation;

/// <summary>Turns a <see cref="PlanningModel"/> into a <see cref="CompiledModel"/>.</summary>
public static class ModelCompiler
{
    /// <summary>Validates and compiles a model.</summary>
    /// <exception cref="ModelValidationException">The model has validation errors (all listed in its report).</exception>
    public static CompiledModel Compile(PlanningModel model) => Compile(model, out _);

    /// <summary>Validates and compiles a model, handing back the validation report (warnings included).</summary>
    /// <exception cref="ModelValidationException">The model has validation errors (all listed in its report).</exception>
    public static CompiledModel Compile(PlanningModel model, out ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(model);
        report = ModelValidator.Validate(model);
        if (!report.Valid)
            throw new ModelValidationException(report);
        return new CompilerPass(model.Clone(), report).Run();
    }
}
