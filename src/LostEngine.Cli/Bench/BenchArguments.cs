using System.CommandLine;
using System.Text.Json;

namespace LostEngine.Cli.Bench;

/// <summary>
/// The option groups every <c>lost bench</c> method command has (keys, kernel, timing) and the steps they take in the
/// same order: read and check every option, write the keys if asked, time, print text or one JSON line.
/// </summary>
internal sealed class BenchArguments(SyntheticKeyKind defaultKeys, int defaultRuns)
{
    public BenchKeyArguments Keys { get; } = new(defaultKeys);

    public KernelOptionArguments Kernel { get; } = new();

    public TimingArguments Timing { get; } = new(defaultRuns);

    /// <summary>Adds the keys options, then the method's own options, then the kernel and timing options.</summary>
    public void AddTo(Command command, params Option[] methodOptions)
    {
        Keys.AddTo(command);
        foreach (var option in methodOptions)
        {
            command.Options.Add(option);
        }
        Kernel.AddTo(command);
        Timing.AddTo(command);
    }

    /// <summary>
    /// Reads the options and the keys, makes the method's parameters for the keys' grid with
    /// <paramref name="parametersFor"/> (which checks the method's own options), and only then writes the keys where
    /// <c>--save-keys</c> says, so a bad option leaves no file behind.
    /// </summary>
    /// <exception cref="LostInputException">An option is bad.</exception>
    public (BenchSetup Setup, TParameters Parameters) Read<TParameters>(ParseResult parseResult, Func<BenchKeys, TParameters> parametersFor)
    {
        var options = Kernel.Read(parseResult);
        var plan = Timing.Read(parseResult);
        var keys = Keys.Read(parseResult);
        var parameters = parametersFor(keys);
        Keys.SaveIfAsked(parseResult, keys);
        return (new BenchSetup(keys, options, plan), parameters);
    }

    /// <summary>Prints <paramref name="measurement"/> as text, or as one JSON line with <c>--json</c>.</summary>
    public int Print<T>(ParseResult parseResult, T measurement, Action<TextWriter, T> writeText, Action<Utf8JsonWriter, T> writeJson)
    {
        var output = parseResult.InvocationConfiguration.Output;
        if (parseResult.GetValue(Timing.Json))
        {
            OneLineJson.WriteObject(output, json => writeJson(json, measurement));
        }
        else
        {
            writeText(output, measurement);
        }
        return ExitCodes.Success;
    }
}
