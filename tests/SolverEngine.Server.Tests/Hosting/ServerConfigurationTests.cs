namespace SolverEngine.Server.Tests.Hosting;

/// <summary>Where settings come from: appsettings.json, then SOLVERENGINE_* variables, then the caller.</summary>
public sealed class ServerConfigurationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("solverengine-config-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Environment_variables_override_the_settings_file()
    {
        File.WriteAllText(Path.Combine(_root, "appsettings.json"),
            """{ "SolverEngine": { "MaxConcurrentSolves": 3, "MaxQueuedJobs": 9, "Port": 6000 } }""");

        var builder = SolverEngineServer.CreateBuilder(new SolverEngineServerBuilderSettings
        {
            ContentRoot = _root,
            Environment = new Dictionary<string, string>
            {
                ["SOLVERENGINE_MAXQUEUEDJOBS"] = "4",
                ["SOLVERENGINE_ShutdownGracePeriod"] = "00:00:02",
                ["OTHER_PORT"] = "1",
            },
        });

        Assert.Equal(3, builder.Options.MaxConcurrentSolves);
        Assert.Equal(4, builder.Options.MaxQueuedJobs);
        Assert.Equal(6000, builder.Options.Port);
        Assert.Equal(TimeSpan.FromSeconds(2), builder.Options.ShutdownGracePeriod);
    }

    [Fact]
    public void Without_a_file_or_variables_the_defaults_hold()
    {
        var builder = SolverEngineServer.CreateBuilder(new SolverEngineServerBuilderSettings
        {
            ContentRoot = _root,
            Environment = new Dictionary<string, string>(),
        });

        Assert.Equal("127.0.0.1", builder.Options.Host);
        Assert.Equal(50051, builder.Options.Port);
    }

    [Theory]
    [InlineData("Port", "70000", "Port is 70000")]
    [InlineData("MaxConcurrentSolves", "0", "MaxConcurrentSolves is 0")]
    [InlineData("Host", "not an ip", "Host 'not an ip' is not an IP address")]
    public void Build_names_a_setting_that_is_out_of_range(string key, string value, string message)
    {
        var builder = SolverEngineServer.CreateBuilder(new SolverEngineServerBuilderSettings
        {
            ContentRoot = _root,
            Environment = new Dictionary<string, string> { ["SOLVERENGINE_" + key] = value },
        });

        var ex = Assert.Throws<ArgumentException>(() => builder.Build());
        Assert.Contains(message, ex.Message);
    }
}
