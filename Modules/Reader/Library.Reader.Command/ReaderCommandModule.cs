using FluentValidation;
using Library.BuildingBlocks.Application;
using Library.BuildingBlocks.Persistence;
using Library.Reader.Command.Infrastructure;
using Library.Reader.Command.Readers.ChangeCategory;
using Library.Reader.Command.Readers.Erase;
using Library.Reader.Command.Readers.Reactivate;
using Library.Reader.Command.Readers.Register;
using Library.Reader.Command.Readers.Suspend;
using Library.Reader.Command.Readers.UpdateProfile;
using Library.Reader.Command.Replicas;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.Reader.Command;

/// <summary>The Reader command service: registration, profile, suspension and GDPR erasure.</summary>
public static class ReaderCommandModule
{
    public const string Name = "reader-command";

    /// <summary>Needs <c>ConnectionStrings:ReaderCommand</c>; it must be the database of the CAP outbox too.</summary>
    public static IServiceCollection AddReaderCommandModule(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("ReaderCommand")
            ?? throw new InvalidOperationException("ConnectionStrings:ReaderCommand is required.");
        services.AddCommandStore<ReaderDbContext>(Name, connectionString, ReaderDbContext.Schema);
        services.AddScoped<ReaderNumberAllocator>();
        services.AddScoped<LendingStandingReader>();
        services.AddTransient<LendingObligationProjection>();
        services.AddTransient<ErasureCheckedSubscriber>();
        services.AddValidatorsFromAssemblyContaining<RegisterReaderValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);

        // Each module has its own source-generated mediator, so one module's endpoints can only
        // reach that module's handlers; modules talk to each other through integration events.
        services.AddMediator(options =>
        {
            options.Namespace = "Library.Reader.Command.Messaging";
            options.GenerateTypesAsInternal = true;
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        return services;
    }

    public static IEndpointRouteBuilder MapReaderCommandEndpoints(this IEndpointRouteBuilder routes)
    {
        var readers = routes.MapGroup("").WithTags("Readers");
        readers.MapRegisterReader();
        readers.MapUpdateReaderProfile();
        readers.MapSuspendReader();
        readers.MapChangeReaderCategory();
        readers.MapReactivateReader();
        readers.MapEraseReader();
        return routes;
    }
}
