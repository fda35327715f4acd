using FluentValidation;
using Library.BuildingBlocks.Application;
using Library.Reader.Query.Projections;
using Library.Reader.Query.Readers.GetErasure;
using Library.Reader.Query.Readers.GetReader;
using Library.Reader.Query.Readers.SearchReaders;
using Library.Reader.Query.ReadModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.Reader.Query;

/// <summary>The Reader query service: reader details and search, projected from reader events.</summary>
public static class ReaderQueryModule
{
    public const string Name = "reader-query";

    public static IServiceCollection AddReaderQueryModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReaderReadStore(configuration);
        services.AddTransient<ReaderProjection>();
        services.AddTransient<ReaderLoansProjection>();
        services.AddTransient<ReaderHoldsProjection>();
        services.AddValidatorsFromAssemblyContaining<SearchReadersValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddMediator(options =>
        {
            options.Namespace = "Library.Reader.Query.Messaging";
            options.GenerateTypesAsInternal = true;
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        return services;
    }

    public static IEndpointRouteBuilder MapReaderQueryEndpoints(this IEndpointRouteBuilder routes)
    {
        var readers = routes.MapGroup("").WithTags("Readers");
        readers.MapGetReader();
        readers.MapSearchReaders();
        readers.MapGetErasure();
        return routes;
    }
}
