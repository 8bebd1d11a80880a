using System.Diagnostics;

namespace LostEngine.Tests.Model;

/// <summary>
/// The folder under which one test run keeps its temporary files, removed when the run ends. The test platform
/// often ends its host without running exit handlers, so each run also removes the folders of earlier runs whose
/// process is gone: at most the last run's files stay. Before, every run left its checkpoints and models behind
/// (1.5 GB a run with the import tests), and a day of runs filled the disk.
/// </summary>
internal static class TestTempRoot
{
    private const string Prefix = "run-";
    private static readonly string Parent = Path.Combine(Path.GetTempPath(), "lostengine-ml-tests");

    private static readonly Lazy<string> Folder = new(() =>
    {
        RemoveFinishedRuns();
        string folder = Path.Combine(Parent, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(folder);
        return folder;
    });

    /// <summary>This run's folder, created on first use.</summary>
    public static string Path_ => Folder.Value;

    private static void RemoveFinishedRuns()
    {
        if (!Directory.Exists(Parent))
        {
            return;
        }
        foreach (string folder in Directory.GetDirectories(Parent))
        {
            string name = Path.GetFileName(folder);
            // Folders of the earlier layout (one GUID each, no run) are always finished.
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !IsRunning(name[Prefix.Length..].Split('-')[0]))
            {
                TryDelete(folder);
            }
        }
    }

    private static bool IsRunning(string processId)
    {
        if (!int.TryParse(processId, out int id))
        {
            return false;
        }
        try
        {
            using var process = Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still held, or a folder of another user: the next run tries again.
        }
    }
}
