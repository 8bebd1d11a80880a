using System.CommandLine;

namespace LostEngine.Cli.Bench;

/// <summary>The options every <c>lost bench</c> method command shares on how it times: <c>--runs</c>, <c>--warmup</c>, <c>--json</c>.</summary>
internal sealed class TimingArguments(int defaultRuns)
{
    public Option<int> Runs { get; } = new("--runs") { Description = "Timed calls.", DefaultValueFactory = _ => defaultRuns };

    public Option<int> Warmup { get; } = new("--warmup")
    {
        Description = "Untimed calls first (at least this many, and at least one second of calls).",
        DefaultValueFactory = _ => 10,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object instead of text." };

    public void AddTo(Command command)
    {
        command.Options.Add(Runs);
        command.Options.Add(Warmup);
        command.Options.Add(Json);
    }

    /// <exception cref="LostInputException">A count is out of range.</exception>
    public TimingPlan Read(ParseResult parseResult) => new(
        OptionChecks.AtLeast(parseResult.GetValue(Runs), 1, "--runs"),
        OptionChecks.AtLeast(parseResult.GetValue(Warmup), 0, "--warmup"));
}
