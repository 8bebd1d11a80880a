using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LostEngine.Tests.Slurm;

/// <summary>How one task of a job array ended, as <c>scontrol show job</c> reports it.</summary>
internal sealed record SlurmTaskEnd(string State, int ExitCode)
{
    public override string ToString() => $"{State} with exit {ExitCode}";
}

/// <summary>
/// The one-node cluster that <c>.ci/slurm-cluster start DIR</c> starts, reached through the slurm.conf named by
/// <see cref="ConfVariable"/>: a dedicated variable rather than SLURM_CONF, so that a test run on a machine of a
/// real cluster never submits to it.
/// </summary>
internal sealed partial class SlurmTestCluster
{
    public const string ConfVariable = "LOST_TEST_SLURM_CONF";

    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(1);

    // A bound on waits for jobs, so a broken cluster fails the test instead of hanging the suite; far above
    // what the tiny model needs.
    private static readonly TimeSpan JobLimit = TimeSpan.FromMinutes(4);

    private static readonly HashSet<string> EndStates =
        ["COMPLETED", "CANCELLED", "FAILED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE"];

    private readonly string _conf;

    private SlurmTestCluster(string conf) => _conf = conf;

    /// <summary>Why the SLURM tests cannot run here, or null when a test cluster is named.</summary>
    public static string? SkipReason
    {
        get
        {
            if (Environment.GetEnvironmentVariable(ConfVariable) is { Length: > 0 })
            {
                return null;
            }
            return OnPath("sbatch")
                ? $"No SLURM test cluster: {ConfVariable} is not set. As root, '.ci/slurm-cluster start DIR' starts one and " +
                  $"{ConfVariable}=DIR/slurm.conf names it; .ci/run does both."
                : "SLURM is not installed here (no sbatch on PATH); .ci/run installs it and runs this check on a one-node cluster.";
        }
    }

    public static SlurmTestCluster Open()
    {
        string conf = Environment.GetEnvironmentVariable(ConfVariable)!;
        Assert.True(File.Exists(conf), $"{ConfVariable} names {conf}, which does not exist");
        return new SlurmTestCluster(conf);
    }

    /// <summary>
    /// Submits <paramref name="script"/> as a job array of the tasks <paramref name="array"/> (sbatch's
    /// <c>--array</c>), run in <paramref name="folder"/> with their output there, and returns the job id.
    /// </summary>
    public string Submit(string script, string array, string folder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        string output = Run("sbatch", environment,
            ["--parsable", $"--array={array}", $"--chdir={folder}", $"--output={Path.Combine(folder, "slurm-%A_%a.out")}", script, .. args]);
        return output.Trim().Split(';')[0];
    }

    public void Cancel(string job, int task) => Run("scancel", null, [$"{job}_{task}"]);

    /// <summary>Cancels whatever of the job still runs; a finished job is not an error (a test's cleanup).</summary>
    public void CancelAll(string job) => Run("scancel", null, ["--quiet", job]);

    /// <summary>Waits until each of <paramref name="tasks"/> has ended, and says how.</summary>
    public IReadOnlyDictionary<int, SlurmTaskEnd> WaitForEnd(string job, params int[] tasks)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            string report = Run("scontrol", null, ["show", "job", "-o", job]);
            var ended = new Dictionary<int, SlurmTaskEnd>();
            foreach (string line in report.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // A task still pending may share one line with others ("ArrayTaskId=1-2"); only single tasks end.
                if (int.TryParse(Field(line, "ArrayTaskId"), out int task) && EndStates.Contains(Field(line, "JobState")))
                {
                    ended[task] = new SlurmTaskEnd(Field(line, "JobState"), int.Parse(Field(line, "ExitCode").Split(':')[0]));
                }
            }
            if (tasks.All(ended.ContainsKey))
            {
                return ended;
            }
            Assert.True(deadline.Elapsed < JobLimit, $"job {job} has not ended after {JobLimit}:\n{report}");
            Thread.Sleep(200);
        }
    }

    /// <summary>Waits until <paramref name="ready"/> holds, failing if the task ends first.</summary>
    public void WaitWhileRunning(string job, int task, Func<bool> ready, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!ready())
        {
            string state = Field(Run("scontrol", null, ["show", "job", "-o", $"{job}_{task}"]), "JobState");
            Assert.False(EndStates.Contains(state), $"task {job}_{task} ended ({state}) before {what}");
            Assert.True(deadline.Elapsed < JobLimit, $"no {what} after {JobLimit}; task {job}_{task} is {state}");
            Thread.Sleep(20);
        }
    }

    private static string Field(string line, string name)
    {
        var match = FieldPattern().Matches(line).FirstOrDefault(m => m.Groups[1].Value == name);
        return match?.Groups[2].Value ?? "";
    }

    [GeneratedRegex(@"(?:^|\s)(\w+)=(\S*)")]
    private static partial Regex FieldPattern();

    private string Run(string command, IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["SLURM_CONF"] = _conf;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(CommandLimit))
        {
            process.Kill();
            Assert.Fail($"{command} {string.Join(' ', args)} did not return within {CommandLimit}");
        }
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', args)} exited {process.ExitCode}: {error.Result}");
        return output;
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, command)));
}

/// <summary>
/// A fact that needs the SLURM test cluster; like the CBLAS facts, it is reported as skipped, with the reason,
/// where there is none, and never passes without having run.
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    /// <summary>Skips the test when no SLURM test cluster is named.</summary>
    public SlurmFactAttribute() => Skip = SlurmTestCluster.SkipReason;
}
