using Library.BuildingBlocks.ReadStore;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.ArchitectureTests.Violations;

public sealed record PublicCommand : ICommand<int>;

/// <summary>Breaks "handlers are internal".</summary>
public sealed class PublicHandler : ICommandHandler<PublicCommand, int>
{
    public ValueTask<int> Handle(PublicCommand command, CancellationToken cancellationToken) => ValueTask.FromResult(1);
}

/// <summary>Breaks "endpoints are internal".</summary>
public static class PublicEndpoint
{
    public static string Route => "/api/violations";
}

/// <summary>Breaks "a Query project does not use EF Core".</summary>
public sealed class UsesEntityFramework(DbContextOptions options) : DbContext(options);

/// <summary>Breaks "a Command project does not use the read store".</summary>
public sealed class UsesReadStore(IReadStore<ViolatingDocument> store)
{
    public IReadStore<ViolatingDocument> Store => store;
}

public sealed class ViolatingDocument : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }
}

/// <summary>Breaks "no module references another module's Command or Query project".</summary>
public static class UsesAnotherModulesCommandSide
{
    // A method, not a constant: constants are inlined and leave no reference behind.
    public static Func<IServiceCollection, IConfiguration, IServiceCollection> Registration =>
        Library.Reader.Command.ReaderCommandModule.AddReaderCommandModule;
}

/// <summary>The fixture's own service name, as a module declares it; the subscription rule reads it.</summary>
public static class ViolationsModule
{
    public const string Name = "violations";
}

/// <summary>Breaks "every subscription group starts with its module's service name", three ways.</summary>
public sealed class SubscribesInAnotherServicesGroup : DotNetCore.CAP.ICapSubscribe
{
    [DotNetCore.CAP.CapSubscribe("violation.own", Group = ViolationsModule.Name + "-stats")]
    public int OnOwnGroup() => GetHashCode();

    [DotNetCore.CAP.CapSubscribe("violation.borrowed", Group = "reader-query")]
    public int OnBorrowedGroup() => GetHashCode();

    [DotNetCore.CAP.CapSubscribe("violation.default")]
    public int OnDefaultGroup() => GetHashCode();

    [DotNetCore.CAP.CapSubscribe("violation.lookalike", Group = ViolationsModule.Name + "extra")]
    public int OnPrefixLookalike() => GetHashCode();
}
