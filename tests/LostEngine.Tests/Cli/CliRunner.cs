using System.CommandLine;
using LostEngine.Cli;

namespace LostEngine.Tests.Cli;

/// <summary>Runs <c>lost</c> in process and captures its exit code, standard output and standard error.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
