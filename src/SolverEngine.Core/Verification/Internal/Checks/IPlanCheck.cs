namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>One family of rules. Checks run in registration order (see <see cref="PlanVerifier"/>);
/// a check may read facts an earlier check recorded in the context.</summary>
internal interface IPlanCheck
{
    void Check(VerificationContext ctx);
}
