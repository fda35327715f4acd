using Library.BuildingBlocks.Hosting;
using Library.BuildingBlocks.Messaging;
using Library.Identity;
using Library.Lending.Command;
using Library.Lending.Query;
using Library.Reader.Command;
using Library.Reader.Query;
using Library.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddLibraryHost("library-dev");
builder.Services.AddLibraryMessaging(builder.Configuration);
builder.Services.AddReaderCommandModule(builder.Configuration);
builder.Services.AddReaderQueryModule(builder.Configuration);
builder.Services.AddLendingCommandModule(builder.Configuration);
builder.Services.AddLendingQueryModule(builder.Configuration);
builder.Services.AddIdentityModule(builder.Configuration);
builder.Services.AddWebModule(builder.Configuration);

var app = builder.Build();
app.UseLibraryHost();
app.MapReaderCommandEndpoints();
app.MapReaderQueryEndpoints();
app.MapLendingCommandEndpoints();
app.MapLendingQueryEndpoints();
app.MapIdentityEndpoints();
app.MapWebEndpoints();
await app.RunLibraryHostAsync(args);

/// <summary>Entry point; public so the integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
