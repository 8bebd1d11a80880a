using System.Diagnostics;

namespace LostEngine.Tests.Runs;

/// <summary>
/// A tmpfs of a few kilobytes mounted on a fresh folder: a disk that really fills up, or a folder that is really
/// read-only, even for root, who ignores file modes. Mounting needs root with CAP_SYS_ADMIN and <c>mount</c>; where
/// that is missing the tests that need it are reported as skipped with the reason.
/// </summary>
internal sealed class SmallFileSystem : IDisposable
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    public SmallFileSystem(int kilobytes, bool readOnly = false)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lostengine-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        string? failure = Mount("-t", "tmpfs", "-o", $"size={kilobytes}k{(readOnly ? ",ro" : "")}", "tmpfs", Path);
        Assert.True(failure is null, failure);
    }

    /// <summary>Why these file systems cannot be made here, or null when they can.</summary>
    public static string? SkipReason => Unavailable.Value;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Gives the file system a new size, keeping its files: room again after a test filled it.</summary>
    public void Resize(int kilobytes)
    {
        string? failure = Mount("-o", $"remount,size={kilobytes}k", Path);
        Assert.True(failure is null, failure);
    }

    public void Dispose()
    {
        if (Run("umount", Path) is null)
        {
            Directory.Delete(Path);
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "tmpfs mounts need Linux";
        }
        string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lostengine-tmpfs-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string? failure = Mount("-t", "tmpfs", "-o", "size=4k", "tmpfs", folder);
            if (failure is not null)
            {
                return $"cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): {failure}";
            }
            return Run("umount", folder);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    private static string? Mount(params string[] args) => Run("mount", args);

    /// <summary>Runs a tool; null when it succeeded, else what went wrong.</summary>
    private static string? Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        try
        {
            using var process = Process.Start(start)!;
            string error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{tool} {string.Join(' ', args)}: exit {process.ExitCode}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{tool} cannot be started: {e.Message}";
        }
    }
}

/// <summary>A fact that needs <see cref="SmallFileSystem"/>; skipped with the reason where it cannot be mounted.</summary>
public sealed class SmallFileSystemFactAttribute : FactAttribute
{
    public SmallFileSystemFactAttribute() => Skip = SmallFileSystem.SkipReason;
}

/// <summary>A theory that needs <see cref="SmallFileSystem"/>; skipped with the reason where it cannot be mounted.</summary>
public sealed class SmallFileSystemTheoryAttribute : TheoryAttribute
{
    public SmallFileSystemTheoryAttribute() => Skip = SmallFileSystem.SkipReason;
}
