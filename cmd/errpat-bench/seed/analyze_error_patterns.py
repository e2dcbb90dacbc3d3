#!/usr/bin/env python3
# analyze_error_patterns.py

import json
import sys
import glob
import datetime
from collections import defaultdict, Counter

def analyze_error_patterns():
    error_patterns = defaultdict(list)
    hourly_errors = defaultdict(int)
    
    # Process all test result files
    for file_path in glob.glob(sys.argv[1] if len(sys.argv) > 1 else "logs/test_results/*.json"):
        with open(file_path, 'r') as f:
            data = json.load(f)
            
        for result in data.get('test_results', []):
            if not result.get('success', True):
                # Extract hour from timestamp
                timestamp = result.get('timestamp', '')
                if timestamp:
                    hour = timestamp[:13]  # YYYY-MM-DDTHH
                    hourly_errors[hour] += 1
                
                # Categorize error
                error_type = result.get('result', {}).get('status_code', 'Unknown')
                error_patterns[error_type].append(result)
    
    # Generate report
    print("üîç Error Pattern Analysis")
    print("=" * 50)
    
    print(f"\nüìä Error Distribution:")
    for error_code, occurrences in Counter(error_patterns.keys()).most_common():
        print(f"  HTTP {error_code}: {len(error_patterns[error_code])} occurrences")
    
    print(f"\n‚è∞ Hourly Error Distribution:")
    for hour in sorted(hourly_errors.keys())[-24:]:  # Last 24 hours
        print(f"  {hour}: {hourly_errors[hour]} errors")
    
    # Most problematic endpoints
    endpoint_errors = defaultdict(int)
    for errors in error_patterns.values():
        for error in errors:
            endpoint = error.get('endpoint', 'Unknown')
            endpoint_errors[endpoint] += 1
    
    print(f"\nüéØ Most Problematic Endpoints:")
    for endpoint, count in Counter(endpoint_errors).most_common(5):
        print(f"  {endpoint}: {count} errors")

if __name__ == "__main__":
    analyze_error_patterns()
