import { Component, type ReactNode } from 'react';

interface State {
  readonly error: Error | null;
}

/**
 * The last line of defence against a blank page: a render error anywhere below shows what happened and a
 * way back, instead of React unmounting everything.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="app">
        <div className="error" role="alert" data-testid="app-crash">
          <p>
            <strong>Something on this page failed to draw:</strong> {this.state.error.message}
          </p>
          <p>
            Your data never left this tab. Reloading the page starts again from the link in the address bar.
          </p>
          <button type="button" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  }
}
