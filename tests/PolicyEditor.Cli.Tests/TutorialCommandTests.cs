namespace PolicyEditor.Cli.Tests;

/// <summary>
/// <c>policyeditor tutorial check</c>: every shipped lesson is sound (each step's goal fails at its start
/// and holds after its reference solution), and bad lessons are refused with file, line and field.
/// </summary>
public sealed class TutorialCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pe-lessons-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Output, string Error) Run(params string[] args) => Command.Run(args);

    private (int Code, string Output, string Error) Check(string file, string text)
    {
        File.WriteAllText(Path.Combine(_dir, file), text);
        return Run("tutorial", "check", _dir, "--samples", Repository.PathOf("samples"));
    }

    private const string Lesson = """
        title: Isolate the database
        level: beginner
        minutes: 5
        summary: One step.
        start:
          sample: shop
          policies: none
        steps:
          - title: Deny ingress to the database
            text: Write a policy.
            checks:
              - "* -> shop/db: denied"
              - "shop/frontend -> shop/catalog TCP 8080: allowed"
            solution:
              apply: |
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db-deny, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  policyTypes: [Ingress]
        """;

    [Fact]
    public void EveryShippedLesson_FailsAtEachStepsStart_AndPassesAfterItsSolution()
    {
        var lessons = Directory.GetFiles(Repository.PathOf("lessons"), "*.yaml");
        var (code, output, error) = Run("tutorial", "check", Repository.PathOf("lessons"));

        Assert.True(code == 0, error);
        Assert.True(lessons.Length >= 14, $"only {lessons.Length} lessons are shipped");
        Assert.Equal(lessons.Length, output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        Assert.Contains($"{lessons.Length} lesson(s) checked: all sound.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ASoundLesson_IsAccepted()
    {
        var (code, output, error) = Check("a.yaml", Lesson);

        Assert.True(code == 0, error);
        Assert.Contains("ok   a: 1 step(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingAndUnknownFields_AreNamedWithFileLineAndField()
    {
        var text = Lesson.Replace("title: Isolate the database\n", string.Empty, StringComparison.Ordinal)
            .Replace("    text: Write a policy.", "    txt: Write a policy.", StringComparison.Ordinal);
        var (code, _, error) = Check("missing.yaml", text);

        Assert.Equal(1, code);
        Assert.Contains("missing.yaml:1:1: error: Lesson/missing: title: 'title' is required", error, StringComparison.Ordinal);
        Assert.Contains("missing.yaml:9:1: error: Lesson/missing: steps[1].txt: unknown field 'txt'", error, StringComparison.Ordinal);
        Assert.Contains("steps[1].text: 'text' is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ACheckNamingAWorkloadThatDoesNotExist_IsRefused()
    {
        var (code, _, error) = Check("typo.yaml", Lesson.Replace("shop/frontend -> shop/catalog", "shop/frontend -> shop/catalogue", StringComparison.Ordinal));

        Assert.Equal(1, code);
        Assert.Contains("typo.yaml:13:1: error: Lesson/typo: steps[1].checks[2]: 'shop/catalogue' names no workload of the cluster at the start of step 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ASolutionThatDoesNotReachTheGoal_IsRefused_WithTheFailingCheck()
    {
        var (code, _, error) = Check("wrong.yaml", Lesson.Replace("{app: db}", "{app: cart}", StringComparison.Ordinal));

        Assert.Equal(1, code);
        Assert.Contains("wrong.yaml:12:1: error: Lesson/wrong: steps[1].solution: the reference solution does not reach the goal: * -> shop/db: denied", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AGoalThatHoldsAlreadyAtTheStart_IsRefused()
    {
        var (code, _, error) = Check("idle.yaml", Lesson.Replace("  policies: none\n", string.Empty, StringComparison.Ordinal).Replace("\"* -> shop/db: denied\"", "\"shop/frontend -> shop/db: denied\"", StringComparison.Ordinal));

        Assert.Equal(1, code);
        Assert.Contains("steps[1]: the goal of step 1 already holds at its start", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ASolutionWithOtherKindsOrBadYaml_IsRefusedAtItsLine()
    {
        var (code, _, error) = Check("kinds.yaml", Lesson.Replace("kind: NetworkPolicy", "kind: Pod", StringComparison.Ordinal));

        Assert.Equal(1, code);
        Assert.Contains("steps[1].solution.apply: a solution applies policies only (NetworkPolicies or another dialect's), not Pod", error, StringComparison.Ordinal);

        (code, _, error) = Check("kinds.yaml", Lesson.Replace("policyTypes: [Ingress]", "policyTypes: [Ingres]", StringComparison.Ordinal));
        Assert.Equal(1, code);
        Assert.Contains("kinds.yaml:21:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_IsExplained()
    {
        var (code, _, error) = Run("tutorial", "run", _dir);

        Assert.Equal(2, code);
        Assert.Contains("policyeditor tutorial check DIR", error, StringComparison.Ordinal);
    }
}
