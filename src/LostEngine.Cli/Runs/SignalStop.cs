using System.Runtime.InteropServices;

namespace LostEngine.Cli.Runs;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM into a request to stop, for as long as it lives: the process stays alive, and the
/// run stops after the item in flight and writes what it has.
/// </summary>
internal sealed class SignalStop : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public SignalStop()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopGently);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopGently);
    }

    /// <summary>Cancelled once a signal arrived or <see cref="Stop"/> was called.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Asks the run to stop, as a signal would.</summary>
    public void Stop() => _stop.Cancel();

    public void Dispose()
    {
        _terminate.Dispose();
        _interrupt.Dispose();
        _stop.Dispose();
    }

    private void StopGently(PosixSignalContext context)
    {
        context.Cancel = true;
        _stop.Cancel();
    }
}
