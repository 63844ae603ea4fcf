using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace SolverEngine.Server.Tests.Infrastructure;

/// <summary>
/// The real `solverengine serve` in its own process on a free loopback port. The port is read
/// from its "listening on ..." line on stdout; Dispose kills the process (tree).
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process) => _process = process;

    /// <summary>http://127.0.0.1:PORT</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>"127.0.0.1:PORT", the form grpcio takes.</summary>
    public string HostPort => $"{Address.Host}:{Address.Port}";

    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    public string StandardOutput { get { lock (_stdout) return _stdout.ToString(); } }

    public Process Process => _process;

    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null, params string[] extraArgs)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { TestPaths.CliDll, "serve", "--host", "127.0.0.1", "--port", "0" }.Concat(extraArgs))
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var serve = new ServeProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (serve._stdout) serve._stdout.AppendLine(e.Data);
            const string prefix = "listening on ";
            if (e.Data.StartsWith(prefix, StringComparison.Ordinal))
                serve._listening.TrySetResult(new Uri(e.Data[prefix.Length..]));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (serve._stderr) serve._stderr.AppendLine(e.Data);
        };
        process.Exited += (_, _) =>
        {
            if (serve._listening.Task.IsCompleted) return;
            process.WaitForExit(); // lets the redirected output drain, so the message has all of stderr
            serve._listening.TrySetException(
                new InvalidOperationException($"solverengine serve exited with code {process.ExitCode} before listening.\n{serve.StandardError}"));
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            serve.Address = await serve._listening.Task.WaitAsync(StartLimit);
        }
        catch
        {
            await serve.DisposeAsync();
            throw;
        }
        return serve;
    }

    /// <summary>Sends SIGTERM (what docker stop / systemd send) and waits for the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        if (kill(_process.Id, 15) != 0) throw new InvalidOperationException($"kill(SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        using var limit = new CancellationTokenSource(StartLimit);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        _process.Dispose();
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
